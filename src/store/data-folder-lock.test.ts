import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  DataFolderInUseError,
  type LockHolder,
  linuxProcessState,
  lockDataFolder,
} from "./data-folder-lock.js";

const root = mkdtempSync(join(tmpdir(), "peacetrack-folder-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const freshFolder = () => {
  const folder = join(root, String(count++));
  mkdirSync(join(folder, "peacetrack.lock"), { recursive: true });
  return folder;
};
const lockFiles = (folder: string) =>
  readdirSync(join(folder, "peacetrack.lock")).filter((name) => /^holder\.\d+$/.test(name));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  }
});

// A separate process that takes the lock ("hold": at once; "race": when told to on stdin) and says so.
const lockerScript = `
const { lockDataFolder } = await import(process.argv[1]);
const [folder, mode] = process.argv.slice(2);
const attempt = () => {
  try { lockDataFolder(folder); console.log("won"); }
  catch (error) { console.log(error.name === "DataFolderInUseError" ? "refused" : "error " + error.message); }
};
if (mode === "hold") attempt();
else { process.stdin.once("data", attempt); console.log("ready"); }
process.stdin.resume();
`;

function startLocker(folder: string, mode: "hold" | "race") {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      lockerScript,
      join(import.meta.dirname, "data-folder-lock.ts"),
      folder,
      mode,
    ],
    // From the repository, where `--import tsx` finds tsx.
    { cwd: join(import.meta.dirname, "../.."), stdio: ["pipe", "pipe", "inherit"] },
  );
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes(word)) return resolve();
        if (child.exitCode !== null) return reject(new Error(`locker exited: ${output}`));
        setTimeout(check, 10);
      };
      check();
    });
  const answer = async () => {
    await new Promise<void>((resolve) => {
      const check = () => (/won|refused|error/.test(output) ? resolve() : setTimeout(check, 10));
      check();
    });
    return output.match(/won|refused|error.*/)?.[0];
  };
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, said, answer, exited };
}

const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;
const writeHolder = (folder: string, generation: number, holder: Partial<LockHolder> | string) =>
  writeFileSync(
    join(folder, "peacetrack.lock", `holder.${generation}`),
    typeof holder === "string"
      ? holder
      : JSON.stringify({ hostname: hostname(), acquiredAt: new Date().toISOString(), ...holder }),
  );

describe("data folder lock", () => {
  it("is taken at once when its holder was killed with SIGKILL", async () => {
    const folder = freshFolder();
    const holder = startLocker(folder, "hold");
    await holder.said("won");
    expect(() => lockDataFolder(folder)).toThrow(`(pid ${holder.child.pid})`);
    holder.child.kill("SIGKILL");
    await holder.exited;
    const start = performance.now();
    const lock = lockDataFolder(folder);
    expect(performance.now() - start).toBeLessThan(1_000);
    lock.release();
  });

  it("is never taken from a paused holder, however old its lock file", async () => {
    const folder = freshFolder();
    const holder = startLocker(folder, "hold");
    await holder.said("won");
    holder.child.kill("SIGSTOP");
    const [lockFile] = lockFiles(folder);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(folder, "peacetrack.lock", String(lockFile)), anHourAgo, anHourAgo);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(() => lockDataFolder(folder)).toThrow(DataFolderInUseError);
    expect(lockFiles(folder)).toEqual([lockFile]);
  });

  it("lets exactly one of many concurrent starters in, on a free folder and over a dead holder's lock", async () => {
    for (const withDeadHolder of [false, true]) {
      const folder = freshFolder();
      if (withDeadHolder) {
        const holder = startLocker(folder, "hold");
        await holder.said("won");
        holder.child.kill("SIGKILL");
        await holder.exited;
      }
      const racers = Array.from({ length: 6 }, () => startLocker(folder, "race"));
      await Promise.all(racers.map((racer) => racer.said("ready")));
      for (const racer of racers) racer.child.stdin?.write("go\n");
      const answers = await Promise.all(racers.map((racer) => racer.answer()));
      expect(answers.filter((answer) => answer === "won")).toHaveLength(1);
      expect(answers.filter((answer) => answer === "refused")).toHaveLength(5);
      expect(lockFiles(folder)).toHaveLength(1);
      for (const racer of racers) racer.child.kill("SIGKILL");
    }
  });

  it("takes a lock left by a dead pid, a damaged lock file, and a released one", () => {
    for (const left of [{ pid: deadPid() }, "", { pid: process.pid, released: true }]) {
      const folder = freshFolder();
      writeHolder(folder, 7, left);
      const lock = lockDataFolder(folder);
      expect(lock.path).toBe(join(folder, "peacetrack.lock", "holder.8"));
      expect(existsSync(join(folder, "peacetrack.lock", "holder.7"))).toBe(false);
      lock.release();
    }
  });

  it.skipIf(!linuxProcessState(process.pid))(
    "does not take a reused pid for the holder (Linux: process start time)",
    () => {
      const folder = freshFolder();
      writeHolder(folder, 1, { pid: process.pid, startTime: "1" });
      lockDataFolder(folder).release();
    },
  );

  it("treats a lock written on another host as held, and says which file to delete", () => {
    const folder = freshFolder();
    writeHolder(folder, 3, { pid: deadPid(), hostname: "elsewhere.example" });
    expect(() => lockDataFolder(folder)).toThrow(
      /in use by another Peacetrack process \(pid \d+ on host elsewhere\.example; .*delete .*peacetrack\.lock\/holder\.3\)/,
    );
  });

  it("keeps out a second opener in the same process, and lets the next in once released", () => {
    const folder = freshFolder();
    const first = lockDataFolder(folder);
    expect(() => lockDataFolder(folder)).toThrow(`(pid ${process.pid})`);
    first.release();
    const second = lockDataFolder(folder);
    expect(lockFiles(folder)).toEqual(["holder.2"]);
    second.release();
  });
});
