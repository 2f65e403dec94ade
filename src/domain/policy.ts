import type { Actor } from "./actor.js";
import type { ReviewState } from "./common.js";
import type { PolicyKind } from "./concerned-parties.js";
import {
  allow,
  canActOnKind,
  canActOnRecord,
  canManageWebhooks,
  canRead,
  canReadNotifications,
  classify,
  type Decision,
  type KindAction,
  kindActions,
  type PolicyAction,
  type PolicyRecord,
  policyActions,
  type RecordAction,
  recordActions,
  refuse,
  signInFirst,
  unboundReason,
} from "./policy-decisions.js";
import { publicReviewStates } from "./review-transitions.js";

export type { PolicyKind } from "./concerned-parties.js";
export { concernedParties } from "./concerned-parties.js";
export {
  type Decision,
  type KindAction,
  kindActions,
  type PolicyAction,
  type PolicyRecord,
  policyActions,
  type RecordAction,
  recordActions,
  systemActions,
} from "./policy-decisions.js";

/**
 * The permission policy: who may do what to which record (issue #9, item 2). Pure: it decides from the
 * actor, the action and the record alone, and every refusal carries a sentence a user can read.
 *
 *                     anonymous  monitor        mediator            administrator     representative of P
 *  read               public     everything     everything          everything        public + P's own
 *  create (drafts)    –          field work¹    + negotiation²      + frame³          – (submit_claim)
 *  update a draft     –          own            own + others' neg.² any               P's own claims & replies
 *  update published   –          –              negotiation²        any but assessm.  P's own replies
 *  delete             –          own drafts     as update, drafts only                P's own drafts
 *  submit_for_review  –          own drafts     as update a draft   any draft         P's own claims
 *  return_to_draft    –          own            any under review    any under review  P's own claims
 *  publish            –          –              not own (4 eyes)    not own (4 eyes)  P's own replies
 *  dispute, retract   –          –              any                 any               retract P's own replies
 *  reply              –          –              –                   –                 public records concerning P
 *  submit_claim       –          –              –                   –                 documents, incidents,
 *                                                                                      access obs., interpretations
 *  import, manage_accounts, manage_licences: administrator. manage_tokens: own tokens; others' by an administrator.
 *  read_notifications: staff, every party's; a representative of P, P's. manage_webhooks (register, list,
 *  remove a party's webhooks): an administrator, any party's; a representative of P, P's own.
 *
 *  ¹ places, persons, documents, incidents, access observations, assessments (proposed).
 *  ² formats, meetings, agreements and their versions, provisions and texts, commitments, interpretations.
 *  ³ processes, parties. The per-kind table is `kindRules` (policy-rules.ts).
 *
 * Rules that hold for everyone, administrators included:
 * - Four eyes: nobody publishes a record they created or submitted for review.
 * - A party's words are the party's: nobody but its representatives changes its claims (while drafts)
 *   or its replies (ever); nobody writes a reply or a claim in a party's name but its representatives.
 * - A record under review is frozen, so that what is published is what was reviewed.
 * - A retracted record, and a published assessment (appended, superseded, never edited), are not changed.
 * - Only drafts, which were never public, are deleted; what has been public is retracted, with a reason.
 * - Accounts and tokens are managed by a signed-in person, never with an API token.
 * - Ownership counts while its role lasts: an author may keep a draft of a kind their role still writes.
 */

export type PolicyTarget =
  | { type: "record"; kind: PolicyKind; record: PolicyRecord }
  | { type: "kind"; kind: PolicyKind }
  | { type: "accounts" }
  | { type: "licences" }
  | { type: "tokens"; ownerAccountId: string }
  /** A party's notifications; no party: every party's (staff). */
  | { type: "notifications"; partyId?: string }
  | { type: "webhooks"; partyId: string };

export interface PolicyOptions {
  /** A party's name for refusal messages ("Armenia" rather than "armenia"); the id when absent. */
  partyName?: (partyId: string) => string;
}

export const recordTarget = (kind: PolicyKind, record: PolicyRecord): PolicyTarget => ({
  type: "record",
  kind,
  record,
});
export const kindTarget = (kind: PolicyKind): PolicyTarget => ({ type: "kind", kind });

/**
 * What the store filters a list by, so that lists are cut in the database and never leak:
 * `all`, or the review states the caller may see plus, for a representative, every record of their
 * own party: the column `claimOfPartyId` on records, `partyId` on replies.
 */
export type ReadableFilter =
  | { all: true }
  | {
      reviewStates: readonly ReviewState[];
      orOwnedByParty?: { field: "claimOfPartyId" | "partyId"; partyId: string };
    };

const targetTypeOf = (action: PolicyAction): PolicyTarget["type"] =>
  (recordActions as readonly string[]).includes(action)
    ? "record"
    : (kindActions as readonly string[]).includes(action)
      ? "kind"
      : action === "manage_accounts"
        ? "accounts"
        : action === "manage_licences"
          ? "licences"
          : action === "read_notifications"
            ? "notifications"
            : action === "manage_webhooks"
              ? "webhooks"
              : "tokens";

/** May `actor` take `action` on `target`? Refusals say why, in words a user can act on. */
export function can(
  actor: Actor,
  action: PolicyAction,
  target: PolicyTarget,
  options: PolicyOptions = {},
): Decision {
  if (target.type !== targetTypeOf(action))
    return refuse(`"${action}" applies to ${targetTypeOf(action)}, not to ${target.type}`);
  const who = classify(actor);
  const name = options.partyName ?? ((id: string) => id);
  if (action === "read" && target.type === "record") return canRead(who, target.kind, target.record, name);
  if (who.type === "public") return refuse(signInFirst);
  if (who.type === "unbound") return refuse(unboundReason);
  const administrator = who.type === "staff" && who.role === "administrator";
  switch (target.type) {
    case "record":
      return canActOnRecord(who, action as RecordAction, target.kind, target.record, name);
    case "kind":
      return canActOnKind(who, action as KindAction, target.kind, name);
    case "accounts":
      if (!administrator) return refuse("only an administrator can manage accounts and change roles");
      return who.viaToken
        ? refuse("accounts are managed by a signed-in administrator, not with an API token")
        : allow;
    case "licences":
      return administrator ? allow : refuse("only an administrator can set how licensed data is used");
    case "tokens":
      // A leaked token must not be able to mint more tokens, nor keep itself alive.
      if (who.viaToken) return refuse("API tokens are managed by a signed-in person, not with another token");
      if (target.ownerAccountId === who.accountId || administrator) return allow;
      return refuse("only an administrator can manage another account's tokens");
    case "notifications":
      return canReadNotifications(who, target.partyId, name);
    case "webhooks":
      return canManageWebhooks(who, target.partyId, name);
  }
}

/** The actions `actor` may take on `target`: attached to every record the API returns. */
export function allowedActions(
  actor: Actor,
  target: PolicyTarget,
  options: PolicyOptions = {},
): PolicyAction[] {
  return policyActions.filter(
    (action) => targetTypeOf(action) === target.type && can(actor, action, target, options).allowed,
  );
}

/** Which records of `kind` the actor may read, as a filter the store turns into SQL. Agrees with `can(read)`. */
export function readableFilter(actor: Actor, kind: PolicyKind): ReadableFilter {
  const who = classify(actor);
  if (who.type === "staff") return { all: true };
  if (who.type === "representative")
    return {
      reviewStates: publicReviewStates,
      orOwnedByParty: { field: kind === "replies" ? "partyId" : "claimOfPartyId", partyId: who.partyId },
    };
  return { reviewStates: publicReviewStates };
}
