import type { Actor } from "../domain/actor.js";
import {
  type CommitmentSaysAndDoes,
  countPerMonth,
  type PartySaysAndDoes,
  type SaysAndDoesQuery,
  saysAndDoesLimit,
} from "../domain/says-and-does.js";
import type { Db } from "../store/database.js";
import {
  allegedIncidents,
  confirmedClaims,
  provisionsOwedBy,
  standingAssessments,
} from "../store/says-and-does-queries.js";
import { readRecord } from "./record-reads.js";

/**
 * What a party says next to what it does (issue #11, item 3), as `actor` may read it: its confirmed
 * claims, the standing assessments of what it owes and the incidents alleged against it, on one time
 * axis; and, per commitment, every party's claims bearing on it beside its assessments and the
 * incidents alleged to breach its provision. A party or commitment the caller may not read is a 404.
 */

const limit = saysAndDoesLimit;

export async function partySaysAndDoes(
  db: Db,
  actor: Actor,
  partyId: string,
  query: SaysAndDoesQuery,
): Promise<PartySaysAndDoes> {
  const party = await readRecord(db, actor, "parties", partyId);
  const provisionIds = await provisionsOwedBy(db, actor, partyId);
  const [claims, assessments, incidents] = await Promise.all([
    confirmedClaims(db, actor, { partyId }, query, limit),
    standingAssessments(db, actor, { partyId }, query, limit),
    allegedIncidents(db, actor, { partyId, provisionIds }, query, limit),
  ]);
  return {
    partyId,
    partyName: party.shortName,
    from: query.from ?? null,
    to: query.to ?? null,
    claims,
    assessments,
    incidents,
    threatsPerMonth: countPerMonth(claims),
    truncated: [claims, assessments, incidents].some((list) => list.length >= limit),
  };
}

export async function commitmentSaysAndDoes(
  db: Db,
  actor: Actor,
  commitmentId: string,
  query: SaysAndDoesQuery,
): Promise<CommitmentSaysAndDoes> {
  const commitment = await readRecord(db, actor, "commitments", commitmentId);
  const provisionId = commitment.provisionId ?? null;
  const bearsOnAny = provisionId ? [commitmentId, provisionId] : [commitmentId];
  const [claims, assessments, incidents] = await Promise.all([
    confirmedClaims(db, actor, { bearsOnAny }, query, limit),
    standingAssessments(db, actor, { commitmentId }, query, limit),
    allegedIncidents(db, actor, { provisionIds: provisionId ? [provisionId] : [] }, query, limit),
  ]);
  return {
    commitmentId,
    commitmentTitle: commitment.title,
    provisionId,
    obligorPartyIds: commitment.obligorPartyIds ?? [],
    from: query.from ?? null,
    to: query.to ?? null,
    claims,
    assessments,
    incidents,
    truncated: [claims, assessments, incidents].some((list) => list.length >= limit),
  };
}
