import type { Actor } from "../../domain/actor.js";
import { compareProvisionPaths } from "../../domain/agreements.js";
import { complianceMethod, computeCompliance, currentLevels } from "../../domain/compliance.js";
import type { ReplyableKind } from "../../domain/replies.js";
import type { Db } from "../../store/database.js";
import { repliesTo } from "../../store/reply-queries.js";
import { repositories } from "../../store/repository.js";
import { withTexts } from "../agreements.js";
import { checkAsOf, scoringData } from "../compliance.js";
import { allNames } from "../meetings.js";
import { readRecord } from "../record-reads.js";
import { packageVersion } from "../version.js";
import type {
  AgreementSection,
  ChangeRow,
  IncidentRow,
  Level,
  ObligationRow,
  PartyReplyRow,
  ReportModel,
} from "./model.js";

/** Gathers everything the implementation report shows, as of a date and, optionally, since another. */
export async function buildReportModel(
  db: Db,
  options: { processId: string; asOf?: string; since?: string; readAs: Actor },
): Promise<ReportModel> {
  const asOf = checkAsOf(options.asOf);
  const since = options.since && options.since < asOf ? options.since : undefined;
  // Everything is read as the caller: the public's report holds published and disputed records only.
  const readAs = options.readAs;
  const process = await readRecord(db, readAs, "processes", options.processId);
  const data = await scoringData(db, options.processId);
  const parties = await repositories.parties.all(db, { filters: { processId: options.processId }, readAs });
  const partyName = (id: string) => parties.find((p) => p.id === id)?.shortName ?? id;

  const now = computeCompliance(data.index, { asOf, groupBy: "party" });
  const then = since ? computeCompliance(data.index, { asOf: since, groupBy: "party" }) : [];
  const partyRows = now.map((group) => ({
    partyId: group.key,
    partyName: partyName(group.key),
    index: group.index,
    indexSince: since ? (then.find((g) => g.key === group.key)?.index ?? null) : undefined,
    pairs: group.pairs,
    assessed: group.assessed,
    unassessed: group.unassessed,
    notApplicable: group.notApplicable,
    overdue: group.overdue,
    pastDueUnassessed: group.pastDueUnassessed,
    reversals: group.reversals,
  }));

  const current = currentLevels(data.index, asOf);
  const previous = since ? currentLevels(data.index, since) : undefined;
  const assessments = new Map(
    (
      await repositories.assessments.getMany(
        db,
        [...current.values()].map((c) => c.assessment.id),
        { readAs },
      )
    ).map((a) => [a.id, a]),
  );
  // Replies are read as the caller too: the public's report prints published replies only.
  const repliesOf = async (kind: ReplyableKind, ids: string[]) => {
    const byRecord = new Map<string, PartyReplyRow[]>();
    for (const reply of await repliesTo(db, readAs, kind, ids)) {
      if (reply.reviewState !== "published") continue;
      const rows = byRecord.get(reply.answers.id) ?? [];
      rows.push({ partyName: partyName(reply.partyId), text: reply.text });
      byRecord.set(reply.answers.id, rows);
    }
    return byRecord;
  };
  const assessmentReplies = await repliesOf("assessments", [...assessments.keys()]);
  const overdue = new Map(
    computeCompliance(data.index, { asOf, groupBy: "process" })
      .flatMap((g) => g.overdueItems)
      .map((item) => [`${item.commitmentId}|${item.partyId}`, item.dueDate]),
  );

  const obligation = (commitmentId: string, partyId: string): ObligationRow => {
    const key = `${commitmentId}|${partyId}`;
    const entry = current.get(key);
    const record = entry ? assessments.get(entry.assessment.id) : undefined;
    return {
      partyName: partyName(partyId),
      level: entry ? (entry.assessment.level as Level) : undefined,
      levelSince: previous ? (previous.get(key)?.assessment.level as Level | undefined) : undefined,
      assessedOn: entry?.assessment.asOf,
      reversed: entry?.reversed ?? false,
      overdueSince: overdue.get(key),
      rationale: record?.rationale,
      sources: record?.sources ?? [],
      replies: record ? (assessmentReplies.get(record.id) ?? []) : [],
      evidence: (record?.evidence ?? []).map((e) => ({
        label: e.note ?? e.id ?? e.kind,
        url: e.url,
        quote: e.quote,
      })),
    };
  };

  const agreements = (
    await repositories.agreements.all(db, { filters: { processId: options.processId }, readAs })
  ).sort((a, b) => (a.signedOn ?? "").localeCompare(b.signedOn ?? ""));
  const sections: AgreementSection[] = [];
  const signed = agreements.filter((agreement) => !agreement.signedOn || agreement.signedOn <= asOf);
  for (const agreement of await withTexts(db, signed, readAs)) {
    const firstVersion = agreement.versions[0]?.id;
    sections.push({
      id: agreement.id,
      title: agreement.title,
      signedOn: agreement.signedOn,
      sources: agreement.sources,
      provisions: agreement.provisions
        .sort((a, b) => compareProvisionPaths(a.path, b.path))
        .map((provision) => ({
          path: provision.path,
          text:
            (firstVersion && provision.texts[firstVersion]?.text) || Object.values(provision.texts)[0]?.text,
          commitments: agreement.commitments
            .filter((c) => c.provisionId === provision.id)
            .map((c) => ({
              id: c.id,
              title: c.title,
              action: c.action,
              deadline: c.deadline,
              sources: c.sources,
              obligations: c.obligorPartyIds.map((partyId) => obligation(c.id, partyId)),
            })),
        })),
    });
  }

  const changes: ChangeRow[] = [];
  const incidents: IncidentRow[] = [];
  if (since) {
    const commitmentTitles = new Map(data.commitments.map((c) => [c.id, c.id]));
    for (const c of await repositories.commitments.getMany(db, [...commitmentTitles.keys()], { readAs }))
      commitmentTitles.set(c.id, c.title);
    for (const [key, entry] of current) {
      if (entry.assessment.asOf <= since) continue;
      const record = assessments.get(entry.assessment.id);
      changes.push({
        date: entry.assessment.asOf,
        commitmentTitle: commitmentTitles.get(entry.assessment.commitmentId) ?? entry.assessment.commitmentId,
        partyName: partyName(entry.assessment.partyId),
        from: previous?.get(key)?.assessment.level as Level | undefined,
        to: entry.assessment.level as Level,
        rationale: record?.rationale ?? "",
        sources: record?.sources ?? [],
        replies: record ? (assessmentReplies.get(record.id) ?? []) : [],
      });
    }
    changes.sort((a, b) => a.date.localeCompare(b.date));
    const places = new Map(
      (await repositories.places.all(db, { filters: { processId: options.processId }, readAs })).map((p) => [
        p.id,
        p,
      ]),
    );
    const sinceIncidents = await repositories.incidents.all(db, {
      filters: { processId: options.processId },
      from: since,
      to: asOf,
      readAs,
    });
    const incidentReplies = await repliesOf(
      "incidents",
      sinceIncidents.map((incident) => incident.id),
    );
    for (const incident of sinceIncidents) {
      incidents.push({
        date: incident.startDate,
        title: incident.title,
        place: allNames(incident.placeId ? places.get(incident.placeId) : undefined),
        allegedBy: incident.allegedByPartyIds.map(partyName),
        sources: incident.sources,
        replies: incidentReplies.get(incident.id) ?? [],
      });
    }
    incidents.sort((a, b) => a.date.localeCompare(b.date));
  }

  return {
    processName: process.name,
    isDemonstration: process.isDemonstration,
    asOf,
    since,
    generatedAt: new Date().toISOString(),
    version: packageVersion,
    method: complianceMethod,
    parties: partyRows,
    agreements: sections,
    changes,
    incidents,
  };
}
