import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../store/database.js";
import { testAccount } from "../test-support/accounts.js";
import { freePort, waitForHealth } from "../test-support/net.js";
import {
  findPostgresBin,
  type PostgresCluster,
  startPostgresCluster,
} from "../test-support/postgres-cluster.js";

// The real server as a child process, on its own throwaway PostgreSQL cluster, so that a crash shows as
// the child exiting and stopping PostgreSQL disturbs no other test.
const postgresBin = findPostgresBin();
const skipReason = postgresBin ? "" : " — SKIPPED: PostgreSQL server binaries (initdb, pg_ctl) not found";
const bin = join(import.meta.dirname, "../../bin/peacetrack.js");
const databaseName = "faults";

let cluster: PostgresCluster | undefined;
let server: ChildProcess | undefined;
let serverExit: string | undefined;
let serverLog = "";
let base = "";
/** Every status the server answered during the test, with a few bodies of the unexpected ones. */
const statuses = new Map<number, number>();
const internalErrors: string[] = [];
/** Writes need an account: an administrator's token, made in the server's database. */
let authorization: Record<string, string> = {};

async function call(method: "GET" | "POST", path: string, body?: unknown, asAccount = method === "POST") {
  const response = await fetch(`${base}${path}`, {
    method,
    // Reads stay anonymous, as the public's are: a token is looked up in the database on every request.
    headers: { ...(asAccount ? authorization : {}), ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(20_000),
  }).catch((error: unknown) => {
    throw new Error(serverExit ? `the server ${serverExit}:\n${serverLog.slice(-3_000)}` : String(error));
  });
  const text = await response.text();
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500 && response.status !== 503 && internalErrors.length < 5)
    internalErrors.push(`${method} ${path} → ${response.status} ${text}`);
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: parse(text) };
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

let partyCount = 0;
const newParty = () => ({
  processId: databaseName,
  kind: "mediator",
  shortName: `Mediator ${++partyCount}`,
  names: [{ text: `Fault-test mediator ${partyCount}`, lang: "en" }],
});

/** Concurrent reads and writes until `stop()` or a bound on count and time; loopback only. */
function startLoad(options: { workers: number; maxRequests: number; maxMs: number }) {
  let sent = 0;
  let stopped = false;
  const deadline = Date.now() + options.maxMs;
  const worker = async (index: number) => {
    while (!stopped && sent < options.maxRequests && Date.now() < deadline) {
      sent++;
      const kind = (sent + index) % 3;
      if (kind === 0) await call("POST", "/api/parties", newParty());
      else if (kind === 1) await call("GET", `/api/parties?processId=${databaseName}&limit=20`);
      else await call("GET", `/api/processes/${databaseName}/overview`);
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  return {
    stop: async () => {
      stopped = true;
      await done;
      return sent;
    },
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: cluster?.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const terminateServerConnections = () =>
  withAdmin(async (admin) => {
    const result = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [databaseName],
    );
    return result.rowCount ?? 0;
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const serverIsRunning = () => server?.exitCode === null && server.signalCode === null;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return Date.now() - start;
    await pause(200);
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe.skipIf(!postgresBin)(`the server while PostgreSQL goes away${skipReason}`, () => {
  beforeAll(async () => {
    cluster = await startPostgresCluster(postgresBin as string);
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${databaseName}`));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const url = Object.assign(new URL(cluster.url), { pathname: `/${databaseName}` }).toString();
    server = spawn(
      process.execPath,
      [bin, "serve", "--no-demo", "--port", String(port), "--host", "127.0.0.1"],
      {
        env: { ...process.env, DATABASE_URL: url, PEACETRACK_RATE_LIMIT: "100000", LOG_LEVEL: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const keep = (chunk: Buffer) => {
      serverLog = (serverLog + chunk).slice(-20_000);
    };
    server.stdout?.on("data", keep);
    server.stderr?.on("data", keep);
    server.once("exit", (code, signal) => {
      serverExit = `exited with ${code ?? signal}`;
    });
    await waitForHealth(port, { timeoutMs: 120_000 });
    const direct = await openDatabase({ databaseUrl: url });
    try {
      authorization = (await testAccount(direct.db, "administrator")).headers;
    } finally {
      await direct.close();
    }
    const created = await call("POST", "/api/processes", {
      id: databaseName,
      name: "Fault test",
      slug: databaseName,
      sources: [],
    });
    expect(created.status).toBe(201);
  });

  afterAll(() => {
    server?.kill("SIGKILL");
    cluster?.stop();
  });

  it("keeps serving while its connections are terminated under load", async () => {
    const load = startLoad({ workers: 6, maxRequests: 3_000, maxMs: 30_000 });
    let terminated = 0;
    for (let round = 0; round < 5; round++) {
      await pause(400);
      terminated += await terminateServerConnections();
    }
    await pause(400);
    const sent = await load.stop();
    console.info(`${sent} requests under load, ${terminated} server connections terminated`);
    expect(terminated).toBeGreaterThan(0);
    expect(serverExit, serverLog).toBeUndefined();
    expect((await call("GET", `/api/parties?processId=${databaseName}`)).status).toBe(200);
  });

  it("answers 503 with Retry-After while PostgreSQL is down, and says so in its health", async () => {
    cluster?.stopServer();
    const load = startLoad({ workers: 4, maxRequests: 200, maxMs: 5_000 });
    await pause(1_500);
    const sent = await load.stop();
    expect(serverIsRunning(), serverLog).toBe(true);
    expect(statuses.get(500)).toBeUndefined();
    console.info(`${sent} requests while PostgreSQL was down`);
    for (const [method, path] of [
      ["GET", `/api/parties?processId=${databaseName}`],
      ["POST", "/api/parties"],
    ] as const) {
      const answer = await call(method, path, method === "POST" ? newParty() : undefined);
      expect(answer.status, `${method} ${path}`).toBe(503);
      expect(answer.retryAfter).toBe("5");
      expect(answer.body).toEqual({
        error: {
          code: "database_unavailable",
          message: "The database is not reachable right now; try again shortly.",
        },
      });
    }
    const health = await call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "unavailable", database: "postgres", databaseState: "down" });
    expect(serverIsRunning(), serverLog).toBe(true);
  });

  it("recovers by itself once PostgreSQL is back", async () => {
    cluster?.startServer();
    const recoveredInMs = await waitUntil(
      async () => (await call("GET", "/api/health")).status === 200,
      30_000,
    );
    console.info(`healthy again ${recoveredInMs} ms after PostgreSQL was started`);
    const health = await call("GET", "/api/health");
    expect(health.body).toMatchObject({ status: "ok", database: "postgres", databaseState: "up" });
    const created = await call("POST", "/api/parties", newParty());
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    // A new record is a draft: its author's side (staff) reads it back.
    expect((await call("GET", `/api/parties/${id}`, undefined, true)).status).toBe(200);
    expect(serverIsRunning(), serverLog).toBe(true);
  });

  it("never answered 500 (or any 5xx but 503) along the way", () => {
    console.info(`statuses answered: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(internalErrors, serverLog).toEqual([]);
    expect(statuses.get(500)).toBeUndefined();
  });
});
