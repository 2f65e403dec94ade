import type { FastifyServerOptions } from "fastify";
import { defaultSessionSettings, type SessionSettings } from "../services/sessions.js";
import { type LoginLimitSetting, loginLimitFromEnv } from "./login-limit.js";

/**
 * How sign-in behaves, from buildServer's options or else the environment (docs/ACCOUNTS.md lists the
 * variables). No secret is needed: session ids and tokens are random values stored hashed, and the CSRF
 * token is derived from the session id, so nothing has to be signed with a server key.
 */

export interface AccountOptions {
  session?: SessionSettings;
  /** The login limit; false turns it off. Default: PEACETRACK_LOGIN_LIMIT or 20 per address / 5 per account in 15 min. */
  loginLimit?: LoginLimitSetting | false;
  /** "auto": Secure cookies when the request came over HTTPS (see trustProxy); "always": whatever it seems. */
  secureCookies?: "auto" | "always";
}

export interface AccountSettings {
  session: SessionSettings;
  loginLimit: LoginLimitSetting | false;
  secureCookies: "auto" | "always";
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`${name} must be a positive number, not "${value}".`);
  return number;
}

export function sessionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SessionSettings {
  const idleMinutes = positiveNumber(env, "PEACETRACK_SESSION_IDLE_MINUTES");
  const maxHours = positiveNumber(env, "PEACETRACK_SESSION_MAX_HOURS");
  return {
    idleSeconds: idleMinutes ? Math.round(idleMinutes * 60) : defaultSessionSettings.idleSeconds,
    absoluteSeconds: maxHours ? Math.round(maxHours * 3600) : defaultSessionSettings.absoluteSeconds,
  };
}

export function secureCookiesFromEnv(env: NodeJS.ProcessEnv = process.env): "auto" | "always" {
  const value = env.PEACETRACK_SECURE_COOKIES?.trim() || "auto";
  if (value !== "auto" && value !== "always")
    throw new Error(`PEACETRACK_SECURE_COOKIES must be "auto" or "always", not "${value}".`);
  return value;
}

export function accountSettings(options: AccountOptions = {}, env = process.env): AccountSettings {
  return {
    session: options.session ?? sessionSettingsFromEnv(env),
    loginLimit: options.loginLimit ?? loginLimitFromEnv(env),
    secureCookies: options.secureCookies ?? secureCookiesFromEnv(env),
  };
}

/**
 * Which proxies' X-Forwarded-* headers to believe (Fastify's trustProxy): unset, nothing (the client's
 * own address and protocol count); "true", any; a number, that many hops; otherwise a comma-separated
 * list of addresses or CIDR ranges. Trusting every proxy on a server reached directly would let any
 * client pick its own address and escape the login limit, so the default trusts none.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): FastifyServerOptions["trustProxy"] {
  const value = env.PEACETRACK_TRUST_PROXY?.trim();
  if (!value || value === "false") return false;
  if (value === "true") return true;
  // Fastify takes a hop count at run time; its type declarations leave numbers out.
  if (/^\d+$/.test(value)) return Number(value) as unknown as string;
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
