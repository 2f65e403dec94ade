import type { Actor } from "../domain/actor.js";
import { compareProvisionPaths } from "../domain/agreements.js";
import { computeCompliance, levelHistory, pairStatuses } from "../domain/compliance.js";
import type { Db } from "../store/database.js";
import { repositories, type StoredRecord } from "../store/repository.js";
import { checkAsOf, scoringData } from "./compliance.js";
import { allWithActions, readRecord, withActions } from "./record-reads.js";
import { repliesByRecord } from "./replies.js";

/** Per obligor of each commitment: its level as of a date and the history behind it (for sparklines). */
async function obligationsOf(db: Db, processId: string, asOf: string) {
  const data = await scoringData(db, processId);
  const statuses = new Map(pairStatuses(data.index, asOf).map((status) => [status.key, status]));
  return (commitment: StoredRecord<"commitments">) =>
    commitment.obligorPartyIds.map((partyId) => {
      const status = statuses.get(`${commitment.id}|${partyId}`);
      const current = status?.current ?? undefined;
      return {
        partyId,
        level: current ? current.assessment.level : undefined,
        assessmentId: current?.assessment.id,
        assessedOn: current?.assessment.asOf,
        reversed: current?.reversed ?? false,
        overdueSince: status?.overdue ? (status.dueDate ?? undefined) : undefined,
        history: levelHistory(data.index, commitment.id, partyId, asOf),
      };
    });
}

/** An agreement's commitments with each obligor's level as of a date and its history. */
export async function agreementImplementation(db: Db, actor: Actor, agreementId: string, asOfParam?: string) {
  const asOf = checkAsOf(asOfParam);
  const agreement = await readRecord(db, actor, "agreements", agreementId);
  const provisions = await repositories.provisions.all(db, { filters: { agreementId }, readAs: actor });
  const provisionOrder = new Map(
    provisions.sort((a, b) => compareProvisionPaths(a.path, b.path)).map((p, index) => [p.id, index]),
  );
  const commitments = (
    await repositories.commitments.all(db, {
      filtersIn: { provisionId: [...provisionOrder.keys()] },
      readAs: actor,
    })
  ).sort(
    (a, b) => (provisionOrder.get(a.provisionId ?? "") ?? 0) - (provisionOrder.get(b.provisionId ?? "") ?? 0),
  );
  const obligations = await obligationsOf(db, agreement.processId, asOf);
  return {
    agreementId,
    asOf,
    commitments: commitments.map((c) => ({ commitmentId: c.id, obligations: obligations(c) })),
  };
}

/** Everything the commitment page shows: the text it comes from, the timeline, readings, evidence. */
export async function commitmentDetail(db: Db, actor: Actor, id: string, asOfParam?: string) {
  const asOf = checkAsOf(asOfParam);
  const commitment = await readRecord(db, actor, "commitments", id);
  // The parent records and every nested list are read as the caller: a draft parent is left out.
  const [provision, meeting] = await Promise.all([
    commitment.provisionId ? repositories.provisions.get(db, commitment.provisionId, actor) : undefined,
    commitment.meetingId ? repositories.meetings.get(db, commitment.meetingId, actor) : undefined,
  ]);
  const agreement = provision
    ? await repositories.agreements.get(db, provision.agreementId, actor)
    : undefined;
  const [assessments, interpretations, provisionReadings] = await Promise.all([
    repositories.assessments.all(db, { filters: { commitmentId: id }, readAs: actor }),
    repositories.interpretations.all(db, { filters: { commitmentId: id }, readAs: actor }),
    provision
      ? repositories.interpretations.all(db, { filters: { provisionId: provision.id }, readAs: actor })
      : Promise.resolve([]),
  ]);
  const supersededIds = new Set(assessments.map((a) => a.supersedesId).filter(Boolean));
  const obligations = await obligationsOf(db, commitment.processId, asOf);
  const seen = new Set<string>();
  const readings = [...interpretations, ...provisionReadings].filter(
    (i) => !seen.has(i.id) && seen.add(i.id),
  );
  // Each party's reply travels with the assessment or reading it answers, to be shown beside it.
  const [assessmentReplies, readingReplies] = await Promise.all([
    repliesByRecord(
      db,
      actor,
      "assessments",
      assessments.map((a) => a.id),
    ),
    repliesByRecord(
      db,
      actor,
      "interpretations",
      readings.map((i) => i.id),
    ),
  ]);
  return {
    ...withActions(actor, "commitments", commitment),
    asOf,
    provision: provision && withActions(actor, "provisions", provision),
    agreement: agreement && withActions(actor, "agreements", agreement),
    meeting: meeting && withActions(actor, "meetings", meeting),
    obligations: obligations(commitment),
    assessments: assessments
      .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.createdAt.localeCompare(b.createdAt))
      .map((a) => ({
        ...withActions(actor, "assessments", a),
        superseded: supersededIds.has(a.id),
        replies: assessmentReplies.get(a.id) ?? [],
      })),
    interpretations: allWithActions(actor, "interpretations", readings).map((i) => ({
      ...i,
      replies: readingReplies.get(i.id) ?? [],
    })),
  };
}

/** Months from a start to an end date, as the last day of each month (the end date itself last). */
export function monthEnds(from: string, to: string): string[] {
  const dates: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (true) {
    const end = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 0))
      .toISOString()
      .slice(0, 10);
    if (end >= to) break;
    dates.push(end);
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  dates.push(to);
  return dates;
}

/** A party's scorecard: its index over time, what it owes, what is overdue, the latest evidence. */
export async function partyScorecard(db: Db, actor: Actor, partyId: string, asOfParam?: string) {
  const asOf = checkAsOf(asOfParam);
  const party = await readRecord(db, actor, "parties", partyId);
  const data = await scoringData(db, party.processId);
  const owed = data.commitments.filter((c) => c.obligorPartyIds.includes(partyId));
  const firstDate = data.assessments
    .filter((a) => a.partyId === partyId)
    .map((a) => a.asOf)
    .concat(asOf)
    .sort()[0] as string;
  const series = monthEnds(firstDate, asOf).map((date) => {
    const [group] = computeCompliance(data.index, { asOf: date, groupBy: "party", partyId });
    return { date, index: group?.index ?? null, overdue: group?.overdue ?? 0 };
  });
  const [summary] = computeCompliance(data.index, { asOf, groupBy: "party", partyId });
  const byCategory = computeCompliance(data.index, { asOf, groupBy: "category", partyId });
  const commitments = await repositories.commitments.getMany(
    db,
    owed.map((c) => c.id),
    { readAs: actor },
  );
  const obligations = await obligationsOf(db, party.processId, asOf);
  const latestAssessments = (
    await repositories.assessments.list(db, { limit: 10, filters: { partyId }, to: asOf, readAs: actor })
  ).items;
  return {
    party: withActions(actor, "parties", party),
    asOf,
    summary: summary ?? null,
    byCategory,
    series,
    commitments: commitments.map((c) => ({
      ...withActions(actor, "commitments", c),
      obligation: obligations(c).find((o) => o.partyId === partyId),
    })),
    latestAssessments: allWithActions(actor, "assessments", latestAssessments),
  };
}
