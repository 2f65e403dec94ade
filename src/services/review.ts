import type { Actor } from "../domain/actor.js";
import type { EntityName } from "../domain/entities.js";
import { type ReviewMove, type ReviewRequest, transition } from "../domain/review-workflow.js";
import type { Db } from "../store/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../store/errors.js";
import { repositories, type StoredRecord } from "../store/repository.js";
import { forbidden, notSignedIn } from "./access-errors.js";
import { runUseCase, writerName } from "./context.js";
import { deliveriesQueued, notifyOfReviewMove } from "./notifications.js";
import { policyRecordOf } from "./record-reads.js";

/**
 * Moves a record through review (issue #9, item 4): in one transaction the record is locked, the move
 * asked of the workflow and the policy against the record as locked (so two reviewers cannot both
 * act on the state they each read), and the new state written with the move appended to its history
 * and a change event naming the actor.
 */
export async function reviewRecord<E extends EntityName>(
  db: Db,
  name: E,
  id: string,
  request: ReviewRequest,
  actor: Actor,
): Promise<StoredRecord<E>> {
  if (actor.kind === "anonymous") throw notSignedIn();
  const result = await runUseCase(db, actor, async ({ tx }) => {
    const repository = repositories[name];
    const record = await repository.getForUpdate(tx, id);
    if (!record) throw new NotFoundError(name, id);
    const at = new Date().toISOString();
    const moved = transition(
      { kind: name, record: policyRecordOf(record as unknown as Record<string, unknown>) },
      request.action,
      actor,
      request.reason,
      at,
    );
    if (!moved.ok) throw refusal(moved.problem, moved.reason);
    const history = (record as { reviewHistory?: ReviewMove[] }).reviewHistory ?? [];
    const updated = await repository.update(
      tx,
      id,
      { reviewState: moved.state, reviewHistory: [...history, moved.move] } as never,
      writerName(actor),
    );
    // The parties it concerns are told in this transaction: a move that does not commit tells nobody.
    await notifyOfReviewMove(tx, {
      kind: name,
      record: updated as unknown as Record<string, unknown>,
      action: request.action,
      actorName: writerName(actor),
      reason: moved.move.reason,
    });
    return updated;
  });
  deliveriesQueued();
  return result;
}

const sentence = (reason: string) => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;

function refusal(
  problem: "unauthenticated" | "forbidden" | "wrong_state" | "reason_required",
  reason: string,
) {
  switch (problem) {
    case "unauthenticated":
      return notSignedIn(sentence(reason));
    case "forbidden":
      return forbidden(sentence(reason));
    case "wrong_state":
      return new ConflictError(sentence(reason), [{ path: "action", message: reason }]);
    case "reason_required":
      return new ValidationError(sentence(reason), [{ path: "reason", message: reason }]);
  }
}
