import { describe, expect, it } from "vitest";
import { checkDatabase, isDatabaseUnavailable } from "./availability.js";
import type { Db } from "./database.js";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });
// drizzle's wrapper around the driver's error, as a failed query throws it.
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1\nparams: "), { cause });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a reset connection", withCode("ECONNRESET")],
    ["an unknown host", withCode("ENOTFOUND")],
    [
      "a server shutting down (57P01)",
      withCode("57P01", "terminating connection due to administrator command"),
    ],
    ["a server starting up (57P03)", withCode("57P03")],
    ["a connection exception (08006)", withCode("08006")],
    ["too many connections (53300)", withCode("53300")],
    ["pg's lost connection", new Error("Connection terminated unexpectedly")],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a broken client", new Error("Client has encountered a connection error and is not queryable")],
    ["a wrapped refusal", wrapped(wrapped(withCode("ECONNREFUSED")))],
    ["an AggregateError of attempts", new AggregateError([withCode("ECONNREFUSED")], "")],
  ])("recognises %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", wrapped(withCode("23505"))],
    ["a syntax error", withCode("42601")],
    ["a plain error", new Error("something else")],
    ["nothing", undefined],
    ["a string", "ECONNREFUSED"],
  ])("leaves out %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not loop on a cause that points back at itself", () => {
    const error = new Error("outer") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("checkDatabase", () => {
  const answering = { execute: async () => ({ rows: [{ "?column?": 1 }] }) } as unknown as Db;
  const silent = { execute: () => new Promise(() => {}) } as unknown as Db;
  const refusing = {
    execute: async () => {
      throw wrapped(withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"));
    },
  } as unknown as Db;

  it("says up, with the time it took", async () => {
    expect(await checkDatabase(answering, 1_000)).toMatchObject({
      state: "up",
      latencyMs: expect.any(Number),
    });
  });

  it("says down with the driver's own message", async () => {
    expect(await checkDatabase(refusing, 1_000)).toEqual({
      state: "down",
      message: "connect ECONNREFUSED 127.0.0.1:5432",
    });
  });

  it("says down when the database does not answer in time", async () => {
    expect(await checkDatabase(silent, 50)).toEqual({ state: "down", message: "no answer within 50 ms" });
  });
});
