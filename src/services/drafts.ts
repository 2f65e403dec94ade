import type { EntityName } from "../domain/entities.js";
import { type ClaimKind, isClaimKind, stampPartyClaim } from "../domain/replies.js";
import type { NewRecord } from "../store/repository.js";
import type { Writer } from "./context.js";

/**
 * What an account's new record becomes: a draft of its creator, and a representative's submission a
 * claim of their party, its speaking fields set to that party whatever the body said.
 */
export function asAccountsDraft<E extends EntityName>(
  name: E,
  record: NewRecord<E>,
  actor: Writer,
): NewRecord<E> {
  if (actor.kind !== "account") return record;
  const partyId = actor.role === "party_representative" ? actor.partyId : undefined;
  const claim =
    partyId && isClaimKind(name)
      ? stampPartyClaim(name as ClaimKind, record as never, partyId)
      : { ...record, claimOfPartyId: null };
  return { ...claim, reviewState: "draft", createdByAccountId: actor.accountId } as NewRecord<E>;
}
