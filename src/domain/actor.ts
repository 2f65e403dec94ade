import { z } from "zod";
import { Id } from "./common.js";

/**
 * Who is acting: the anonymous public, or a signed-in account (by session or API token) with one role.
 * A party representative acts for exactly one party. Every use case receives an Actor (issue #9); the
 * permission policy (domain/policy.ts) decides from it alone, never from how the request arrived.
 */
export const roles = ["administrator", "mediator", "monitor", "party_representative"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const AccountActor = z.object({
  kind: z.literal("account"),
  accountId: Id,
  /** What records and the change history name: "<role>:<id start>" (never the e-mail), or "token:<name>". */
  name: z.string().min(1).max(320),
  role: Role,
  /** Set exactly when the role is party_representative. */
  partyId: Id.optional(),
  /** How the actor signed in: a cookie session is open to CSRF, a bearer token is not. */
  via: z.enum(["session", "token"]),
});
export type AccountActor = z.infer<typeof AccountActor>;

export const AnonymousActor = z.object({ kind: z.literal("anonymous") });
export type AnonymousActor = z.infer<typeof AnonymousActor>;

export const Actor = z.discriminatedUnion("kind", [AccountActor, AnonymousActor]);
export type Actor = z.infer<typeof Actor>;

export const anonymous: AnonymousActor = { kind: "anonymous" };

/** The name the change history records for an actor (the anonymous public writes nothing). */
export function actorName(actor: Actor): string {
  return actor.kind === "account" ? actor.name : "anonymous";
}
