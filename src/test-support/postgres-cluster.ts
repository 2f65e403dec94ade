import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./net.js";

/** Where the PostgreSQL server binaries are: on PATH, or Debian's versioned folder. */
export function findPostgresBin(): string | undefined {
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (onPath && existsSync(onPath.replace(/pg_ctl$/, "initdb"))) return onPath.replace(/\/pg_ctl$/, "");
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).sort().reverse();
  return versions.map((v) => join(debian, v, "bin")).find((bin) => existsSync(join(bin, "pg_ctl")));
}

export interface PostgresCluster {
  url: string;
  /** Stops the server and deletes its folder. */
  stop(): void;
  /** Stops the server at once (as a crash would), keeping its data: `startServer()` brings it back. */
  stopServer(): void;
  /** Starts a stopped server again on the same port and data. */
  startServer(): void;
  /** `stopServer()` then `startServer()`. */
  restartServer(): void;
}

/**
 * Starts a throwaway PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 and a socket in
 * that folder. As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const folder = mkdtempSync(join(tmpdir(), "peacetrack-pg-"));
  const dataDir = join(folder, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const full = join(bin, command);
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe" });
    else execFileSync(full, args, { stdio: "pipe" });
  };
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    const gid = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
    chownSync(folder, Number(ids), Number(gid));
    chmodSync(folder, 0o700);
  }
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  let running = false;
  const startServer = () => {
    run("pg_ctl", [
      "-D",
      dataDir,
      "-l",
      join(folder, "server.log"),
      "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
      "-w",
    ]);
    running = true;
  };
  const stopServer = () => {
    run("pg_ctl", ["-D", dataDir, "stop", "-m", "immediate", "-w"]);
    running = false;
  };
  startServer();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        if (running) stopServer();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    stopServer,
    startServer,
    restartServer: () => {
      stopServer();
      startServer();
    },
  };
}
