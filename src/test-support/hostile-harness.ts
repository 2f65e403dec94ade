import http from "node:http";
import { getTableName, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { buildServer } from "../api/server.js";
import { seedFromFolder } from "../services/demo-data.js";
import type { Database } from "../store/database.js";
import { entityStore } from "../store/entity-config.js";
import { testAccount } from "./accounts.js";
import { collectionOf, type Operation, operationsOf } from "./hostile-openapi.js";
import { buildPool, type SeedPool } from "./hostile-seed-pool.js";

/**
 * The running server, the requests and the checks of the hostile-input tests: every answer is
 * checked for a 5xx, for the one error shape, and for rows written although the answer is an error.
 */

/** The one error shape, strictly: no other key anywhere. */
export const StrictErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    details: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});

export interface HostileRequest {
  method: string;
  /** Sent as is: already percent-encoded, possibly broken on purpose. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export interface CaseOptions {
  /** Grouping labels: what is hostile about this request. */
  labels: string[];
  /** Where in the body each mutation went, for the example line. */
  detail?: string;
  generated: boolean;
  /** An extra rule on the status, e.g. invalid UTF-8 must be refused with exactly 400. */
  expect?: { describe: string; ok: (status: number) => boolean };
}

/** Shortens a request or response for a message: long runs collapsed, bytes outside ASCII escaped. */
export function excerpt(value: string | Buffer | undefined, max = 400): string {
  if (value === undefined) return "(none)";
  // Runs collapse first (a 5000-character id reads a…×5000), then bytes outside ASCII are escaped.
  const text = (
    Buffer.isBuffer(value) ? value.subarray(0, 200_000).toString("latin1") : value.slice(0, 200_000)
  )
    .replace(/(.)\1{15,}/gsu, (run, c: string) => `${c}…×${[...run].length}`)
    .slice(0, 2 * max);
  const collapsed = Buffer.isBuffer(value)
    ? text.replace(/[^\x20-\x7e…×]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
    : text.replace(/[^\x20-\x7e…×]/gu, (c) => JSON.stringify(c).slice(1, -1));
  const size = Buffer.isBuffer(value) ? value.length : value.length;
  return collapsed.length > max ? `${collapsed.slice(0, max)}… (${size} chars)` : collapsed;
}

interface Finding {
  answer: string;
  count: number;
  routes: Map<string, number>;
  inputs: Map<string, number>;
  examples: Map<string, string>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, count]) => `${key} ×${count}`)
    .join("; ") + (map.size > n ? `; … ${map.size - n} more` : "");

/**
 * Failures grouped by answer (status, error code, problem), each with the routes and the kinds of
 * input that led there (labels of one request are counted one by one), and examples of distinct inputs.
 */
export class Findings {
  private readonly groups = new Map<string, Finding>();

  add(route: string, answer: string, labels: string[], example: string) {
    const group = this.groups.get(answer) ?? {
      answer,
      count: 0,
      routes: new Map(),
      inputs: new Map(),
      examples: new Map(),
    };
    group.count++;
    bump(group.routes, route);
    const inputs = labels.length ? [...new Set(labels)].sort() : ["valid-looking input"];
    for (const input of inputs) bump(group.inputs, input);
    const key = inputs.join(" + ");
    if (group.examples.size < 4 && !group.examples.has(key)) group.examples.set(key, `${route}: ${example}`);
    this.groups.set(answer, group);
  }

  get size() {
    return this.groups.size;
  }

  report(): string {
    const groups = [...this.groups.values()].sort((a, b) => b.count - a.count);
    const lines = groups.map(
      (g) =>
        `• ${g.answer} ×${g.count} on ${g.routes.size} route(s)\n    routes: ${top(g.routes, 6)}` +
        `\n    inputs: ${top(g.inputs, 10)}` +
        [...g.examples.entries()].map(([inputs, example]) => `\n    e.g. [${inputs}] ${example}`).join(""),
    );
    return `${groups.length} kind(s) of failure:\n${lines.join("\n")}`;
  }
}

const camel = (segment: string) => segment.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The table behind a route (/api/agreement-versions/{id} → agreement_versions), where there is one. */
export function tableOf(template: string): string | undefined {
  const segment = template.split("/")[2] ?? "";
  const config = (entityStore as Record<string, { table: Parameters<typeof getTableName>[0] } | undefined>)[
    camel(segment)
  ];
  return config ? getTableName(config.table) : undefined;
}

export interface Stats {
  generated: number;
  fixed: number;
  serverErrors: number;
  wrongShape: number;
  wroteOnError: number;
  otherProblems: number;
  /** Answers by class (2xx, 4xx, …): shows how deep the generated cases reach. */
  answers: Record<string, number>;
}

export class HostileHarness {
  readonly stats: Stats = {
    generated: 0,
    fixed: 0,
    serverErrors: 0,
    wrongShape: 0,
    wroteOnError: 0,
    otherProblems: 0,
    answers: {},
  };
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  private constructor(
    readonly database: Database,
    private readonly app: FastifyInstance,
    readonly port: number,
    readonly operations: Operation[],
    readonly pool: SeedPool,
    /** Every request is an administrator's (a bearer token), so that writes reach validation and rules. */
    private readonly authorization: Record<string, string>,
  ) {}

  /** Opens and seeds a database, starts the real HTTP server, reads its OpenAPI document and its lists. */
  static async start(open: () => Promise<Database>): Promise<HostileHarness> {
    const database = await open();
    await seedFromFolder(database.db);
    const app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const spec = await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json();
    const operations = operationsOf(spec);
    // Every collection that answers a plain GET with { items }: its records and a real next cursor.
    const lists = [];
    for (const op of operations.filter((o) => o.method === "GET" && o.pathParams.length === 0)) {
      const hasLimit = op.query.some((p) => p.name === "limit");
      const all = await fetch(`http://127.0.0.1:${port}${op.template}${hasLimit ? "?limit=500" : ""}`);
      const body =
        all.ok && /json/.test(all.headers.get("content-type") ?? "") ? await all.json() : undefined;
      if (!Array.isArray(body?.items)) continue;
      const page = hasLimit
        ? await (await fetch(`http://127.0.0.1:${port}${op.template}?limit=1`)).json()
        : {};
      lists.push({ collection: collectionOf(op.template), items: body.items, nextCursor: page.nextCursor });
    }
    // Anonymous writes stop at 401 before their body is read (issue #9): hostile bodies are sent as an
    // administrator, who may write every kind, so that they meet the validation and rules they probe.
    const { headers } = await testAccount(database.db, "administrator");
    return new HostileHarness(database, app, port, operations, buildPool(lists), headers);
  }

  async close() {
    this.agent.destroy();
    await this.app.close();
    await this.database.close();
  }

  /** One request on a raw socket path: the path and bytes are sent exactly as given. */
  request(req: HostileRequest): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const body =
        req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
      const headers: Record<string, string | number> = { ...this.authorization, ...(req.headers ?? {}) };
      if (body) headers["content-length"] = body.length;
      const outgoing = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method: req.method,
          path: req.path,
          headers,
          agent: this.agent,
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: String(response.headers["content-type"] ?? ""),
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          response.on("error", reject);
        },
      );
      outgoing.on("timeout", () => outgoing.destroy(new Error("no answer in 30 s")));
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  private async counts(table: string | undefined): Promise<string> {
    const rows = table ? `, (SELECT count(*) FROM "${table}")::int AS rows` : "";
    const result = (await this.database.db.execute(
      sql.raw(`SELECT (SELECT count(*) FROM record_events)::int AS events${rows}`),
    )) as unknown as { rows: { events: number; rows?: number }[] };
    const row = result.rows[0];
    return `record_events=${row?.events}${table ? ` ${table}=${row?.rows}` : ""}`;
  }

  /** Sends one case and records every problem with its answer in `findings`. */
  async check(route: Operation | string, req: HostileRequest, options: CaseOptions, findings: Findings) {
    const routeName = typeof route === "string" ? route : `${route.method} ${route.template}`;
    const table = typeof route === "string" ? undefined : tableOf(route.template);
    if (options.generated) this.stats.generated++;
    else this.stats.fixed++;
    const before = await this.counts(table);
    let answer: Answer;
    try {
      answer = await this.request(req);
    } catch (error) {
      answer = { status: 0, contentType: "", text: String(error) };
    }
    const after = await this.counts(table);
    const answerClass = answer.status ? `${String(answer.status)[0]}xx` : "none";
    this.stats.answers[answerClass] = (this.stats.answers[answerClass] ?? 0) + 1;
    const problems: string[] = [];
    let code = "";
    if (answer.status === 0) problems.push("no HTTP answer");
    // The server runs in this process: a polluted Object.prototype would show here.
    const probe: Record<string, unknown> = {};
    if (probe.polluted !== undefined || probe.isAdmin !== undefined)
      problems.push("Object.prototype polluted");
    if (answer.status >= 500 && answer.status !== 503) {
      problems.push("5xx");
      this.stats.serverErrors++;
    }
    if (answer.status >= 400) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        parsed = undefined;
      }
      const shape = StrictErrorBody.safeParse(parsed);
      const loose = parsed as { code?: unknown; error?: { code?: unknown } } | undefined;
      const anyCode = shape.success ? shape.data.error.code : (loose?.error?.code ?? loose?.code);
      if (typeof anyCode === "string") code = anyCode;
      const shapeProblems = [
        ...(/^application\/json\b/i.test(answer.contentType)
          ? []
          : [`content-type ${answer.contentType || "none"}`]),
        ...(shape.success ? [] : [parsed === undefined ? "body not JSON" : "not the error shape"]),
      ];
      if (shapeProblems.length) {
        problems.push(...shapeProblems);
        this.stats.wrongShape++;
      }
      if (before !== after) {
        problems.push("wrote on error");
        this.stats.wroteOnError++;
      }
    }
    if (options.expect && answer.status !== 0 && !options.expect.ok(answer.status)) {
      problems.push(`expected ${options.expect.describe}`);
      this.stats.otherProblems++;
    }
    if (problems.length === 0) return answer;
    const headers = Object.entries(req.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
    const example =
      `${req.method} ${excerpt(req.path, 160)}${headers ? ` [${headers}]` : ""} body ${excerpt(req.body, 300)}` +
      `${options.detail ? `\n      (${options.detail})` : ""}` +
      `${before !== after ? `\n      (rows: ${before} → ${after})` : ""}` +
      `\n      → ${answer.status} ${answer.contentType} ${excerpt(answer.text, 300)}`;
    const answerName = `${answer.status}${code ? ` ${code}` : ""} [${problems.join(", ")}]`;
    findings.add(routeName, answerName, options.labels, example);
    return answer;
  }

  summary(title: string, runs: number, seed: number, seconds: number) {
    const s = this.stats;
    return (
      `[hostile] ${title}: ${s.generated} generated + ${s.fixed} fixed cases sent in ${seconds.toFixed(1)} s; ` +
      `5xx (not 503): ${s.serverErrors}; wrong error shape: ${s.wrongShape}; writes on error: ${s.wroteOnError}; ` +
      `wrong status: ${s.otherProblems}; answers ${JSON.stringify(s.answers)} (PEACETRACK_HOSTILE_RUNS=${runs}, PEACETRACK_HOSTILE_SEED=${seed})`
    );
  }
}

/** A fast-check seed per route, so adding a route leaves the other routes' cases as they were. */
export function seedFor(base: number, op: Operation): number {
  let hash = base | 0;
  for (const c of `${op.method} ${op.template}`) hash = (Math.imul(hash, 31) + (c.codePointAt(0) ?? 0)) | 0;
  return hash;
}
