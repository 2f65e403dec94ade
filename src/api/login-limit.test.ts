import { describe, expect, it } from "vitest";
import { clientKey, LoginLimiter, loginLimitFromEnv } from "./login-limit.js";

describe("login limiter", () => {
  it("counts failures per account across addresses, forgives successes, and opens again after the window", () => {
    let now = 0;
    const limiter = new LoginLimiter(
      { attemptsPerAddress: 100, failuresPerAccount: 2, windowSeconds: 60 },
      () => now,
    );
    expect(limiter.begin("10.0.0.1", "a@example.org").allowed).toBe(true);
    limiter.succeeded("a@example.org");
    expect(limiter.begin("10.0.0.2", "A@example.org").allowed).toBe(true);
    expect(limiter.begin("10.0.0.3", "a@example.org").allowed).toBe(true);
    expect(limiter.begin("10.0.0.4", "a@example.org")).toEqual({
      allowed: false,
      by: "account",
      retryAfterSeconds: 60,
    });
    now = 30_000;
    expect(limiter.begin("10.0.0.5", "a@example.org")).toMatchObject({ retryAfterSeconds: 30 });
    now = 61_000;
    expect(limiter.begin("10.0.0.6", "a@example.org").allowed).toBe(true);
  });

  it("counts every attempt per address", () => {
    const limiter = new LoginLimiter({ attemptsPerAddress: 2, failuresPerAccount: 100, windowSeconds: 60 });
    expect(limiter.begin("10.0.0.1", "a@example.org").allowed).toBe(true);
    expect(limiter.begin("10.0.0.1", "b@example.org").allowed).toBe(true);
    expect(limiter.begin("10.0.0.1", "c@example.org")).toMatchObject({ allowed: false, by: "address" });
    expect(limiter.begin("10.0.0.2", "c@example.org").allowed).toBe(true);
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4", () => {
    expect(clientKey("192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    const limiter = new LoginLimiter({ attemptsPerAddress: 1, failuresPerAccount: 100, windowSeconds: 60 });
    expect(limiter.begin("2001:db8:1:2::a").allowed).toBe(true);
    expect(limiter.begin("2001:db8:1:2::b").allowed).toBe(false);
  });

  it("reads PEACETRACK_LOGIN_LIMIT and refuses nonsense", () => {
    expect(loginLimitFromEnv({})).toEqual({
      attemptsPerAddress: 20,
      failuresPerAccount: 5,
      windowSeconds: 900,
    });
    expect(loginLimitFromEnv({ PEACETRACK_LOGIN_LIMIT: "10,3,5" })).toEqual({
      attemptsPerAddress: 10,
      failuresPerAccount: 3,
      windowSeconds: 300,
    });
    expect(loginLimitFromEnv({ PEACETRACK_LOGIN_LIMIT: "0" })).toBe(false);
    expect(() => loginLimitFromEnv({ PEACETRACK_LOGIN_LIMIT: "many" })).toThrow(/PEACETRACK_LOGIN_LIMIT/);
  });
});
