import { randomBytes } from "node:crypto";
import { buildServer } from "../api/server.js";
import { seedFromFolder } from "../services/demo-data.js";
import { startFeedPolling } from "../services/feeds.js";
import { isDatabaseUnavailable } from "../store/availability.js";
import { repositories } from "../store/repository.js";
import { openMigrated, say } from "./database.js";
import { ensureWebBuild } from "./web-build.js";

export async function serveCommand(options: {
  port?: string;
  host: string;
  demo: boolean;
  buildWeb?: boolean;
}) {
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${options.port ?? process.env.PORT}".`);
  // The web build (a child process) and the database's opening run side by side.
  const webBuild = options.buildWeb ? ensureWebBuild({ log: say }) : undefined;
  // Handled below; without a handler now, a build failing while the database opens ends the process.
  webBuild?.catch(() => {});
  const database = await openMigrated();
  surviveDatabaseOutages();
  say(`Database: ${database.kind} at ${database.location}`);
  if (options.demo && (await repositories.processes.count(database.db)) === 0) {
    say("Empty database: loading the demo data (Nagorno-Karabakh 2020–2023)…");
    await seedFromFolder(database.db, undefined, (line) => say(`  ${line}`));
  }
  if (webBuild)
    await webBuild.catch((error: Error) =>
      say(`Web app: the build failed, serving the previous one if any.\n${error.message}`),
    );
  // Structured request logs (JSON lines, pino) on standard output; LOG_LEVEL=warn quietens them.
  // A fresh secret per run: a command beside this server presents it to hand an import over (as "cli").
  const handoffSecret = randomBytes(32).toString("base64url");
  const app = await buildServer({ database, logger: true, handoffSecret });
  // Feeds are polled in the background while the server runs (each on its own interval).
  const feedPolling = startFeedPolling(database.db, {
    everyMs: Number(process.env.PEACETRACK_FEED_POLL_MS ?? 60_000),
    log: (message, error) => app.log.error({ err: error }, message),
  });
  const stop = async () => {
    await feedPolling.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const address = await app.listen({ port, host: options.host });
  // Commands run beside this server (import, ingest) find the folder locked and hand their work here.
  const bound = app.server.address();
  if (bound && typeof bound === "object")
    database.announceServer?.(localUrl(options.host, bound.port), handoffSecret);
  say(`Peacetrack is running at ${address.replace("0.0.0.0", "localhost")} (API docs at /api/docs)`);
}

/**
 * A database that goes away must not take the server with it: a rejection nobody awaited that says
 * the database is unreachable is logged, and the server keeps answering (503) until it is back.
 * Any other unhandled rejection still ends the process, as Node does by default.
 */
function surviveDatabaseOutages() {
  process.on("unhandledRejection", (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    say(
      `Database unreachable (${reason instanceof Error ? reason.message : String(reason)}); still serving.`,
    );
  });
}

/** How a command on this machine reaches the server: loopback when it listens on every interface. */
function localUrl(host: string, port: number): string {
  if (["0.0.0.0", "::", "localhost"].includes(host)) return `http://127.0.0.1:${port}`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
