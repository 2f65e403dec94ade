/**
 * The limit on password guessing, stricter than the general request limit (hardening.ts) and apart
 * from it, so it holds (and can be tested) when the general one is off. Two counters per window:
 * attempts per client address (every attempt costs an argon2 hash), and failures per account (so a
 * guesser spreading over many addresses still gets only a few guesses at one account).
 *
 * Each attempt counts against the account before the password is checked and is forgiven when it
 * succeeds: parallel guesses cannot slip past the count while the hashes are being compared.
 *
 * The counters live in this process. Several API processes behind one load balancer each keep their
 * own, so the effective limit is that many times higher (docs/ACCOUNTS.md).
 */

export interface LoginLimitSetting {
  /** Login attempts (right or wrong) one client address may make per window. */
  attemptsPerAddress: number;
  /** Failed logins one account may suffer per window, from any address. */
  failuresPerAccount: number;
  windowSeconds: number;
}

export const defaultLoginLimit: LoginLimitSetting = {
  attemptsPerAddress: 20,
  failuresPerAccount: 5,
  windowSeconds: 15 * 60,
};

/** Every distinct address and e-mail costs a map entry: past this many, the oldest are dropped first. */
const maxKeys = 100_000;

interface Window {
  count: number;
  resetsAt: number;
}

export type LimitVerdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; by: "address" | "account" };

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly setting: LoginLimitSetting,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt from `address` at `account` (an e-mail, or undefined), or refuses it. */
  begin(address: string, account?: string): LimitVerdict {
    const addressKey = `address:${clientKey(address)}`;
    const accountKey =
      account === undefined ? undefined : `account:${account.trim().toLowerCase().slice(0, 320)}`;
    const byAddress = this.current(addressKey);
    if (byAddress.count >= this.setting.attemptsPerAddress) return this.refuse(byAddress, "address");
    const byAccount = accountKey ? this.current(accountKey) : undefined;
    if (byAccount && byAccount.count >= this.setting.failuresPerAccount)
      return this.refuse(byAccount, "account");
    byAddress.count++;
    if (byAccount) byAccount.count++;
    return { allowed: true };
  }

  /** The attempt succeeded: it does not count as a failure against the account. */
  succeeded(account: string) {
    const window = this.windows.get(`account:${account.trim().toLowerCase().slice(0, 320)}`);
    if (window && window.count > 0) window.count--;
  }

  private refuse(window: Window, by: "address" | "account"): LimitVerdict {
    return {
      allowed: false,
      by,
      retryAfterSeconds: Math.max(1, Math.ceil((window.resetsAt - this.now()) / 1000)),
    };
  }

  private current(key: string): Window {
    const now = this.now();
    const existing = this.windows.get(key);
    if (existing && existing.resetsAt > now) return existing;
    if (existing) this.windows.delete(key);
    if (this.windows.size >= maxKeys) this.prune(now);
    const fresh = { count: 0, resetsAt: now + this.setting.windowSeconds * 1000 };
    this.windows.set(key, fresh);
    return fresh;
  }

  private prune(now: number) {
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
    // Still full of live windows: drop the oldest (a Map iterates in insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size < maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The unit a client address is counted in: an IPv4 address, or an IPv6 address's /64 prefix (one
 * household or server usually holds a whole /64, and could otherwise take a fresh address per guess).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.toLowerCase().split("%")[0]?.split("::") ?? [];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** PEACETRACK_LOGIN_LIMIT="attempts per address,failures per account,window minutes"; "0" turns it off. */
export function loginLimitFromEnv(env: NodeJS.ProcessEnv = process.env): LoginLimitSetting | false {
  const value = env.PEACETRACK_LOGIN_LIMIT?.trim();
  if (!value) return defaultLoginLimit;
  if (value === "0") return false;
  const parts = value.split(",").map((part) => Number(part.trim()));
  const [attemptsPerAddress, failuresPerAccount, windowMinutes = defaultLoginLimit.windowSeconds / 60] =
    parts;
  const whole = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n > 0;
  if (parts.length > 3 || !whole(attemptsPerAddress) || !whole(failuresPerAccount) || !whole(windowMinutes))
    throw new Error(
      `PEACETRACK_LOGIN_LIMIT must be "attempts per address,failures per account[,window minutes]" (e.g. "20,5,15") or "0", not "${value}".`,
    );
  return {
    attemptsPerAddress: attemptsPerAddress as number,
    failuresPerAccount: failuresPerAccount as number,
    windowSeconds: windowMinutes * 60,
  };
}
