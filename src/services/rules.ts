import { sql } from "drizzle-orm";
import { unknownCategories } from "../domain/codebook.js";
import type { EntityName } from "../domain/entities.js";
import { invariantIssues } from "../domain/invariants.js";
import { directionsInUse } from "../store/access-queries.js";
import { assessmentsOfCommitments } from "../store/compliance-queries.js";
import type { Db } from "../store/database.js";
import { type FieldIssue, ValidationError } from "../store/errors.js";
import { type NewRecord, repositories, type StoredRecord } from "../store/repository.js";
import { checkAssessments } from "./assessment-rules.js";
import { loadCodebook } from "./codebook.js";
import { deriveDocumentFields, documentHashIssues } from "./document-derivation.js";

/**
 * What a rule sees: the records as they will be written (on an update, the whole record after the
 * change, with `previous` the record before it), and the write's own transaction, so that what a
 * rule read is still true when the write commits.
 */
interface RuleContext<E extends EntityName> {
  db: Db;
  records: NewRecord<E>[];
  today: string;
  previous?: StoredRecord<E>;
  /** A document's bytes as received, by index, when they are not simply its text (a page, a PDF). */
  receivedBytes?: readonly (Uint8Array | undefined)[];
}
type Rule<E extends EntityName> = (context: RuleContext<E>) => Promise<FieldIssue[]>;

const categoriesKnown = async ({ records }: { records: { categories: string[] }[] }) => {
  const codebook = loadCodebook();
  return records.flatMap((record, index) =>
    unknownCategories(codebook, record.categories).map((category) => ({
      path: `${index}.categories`,
      message: `"${category}" is not in the codebook (data/codebook/categories.yaml)`,
    })),
  );
};

/** An assessment judges an obligor: an obligor already assessed cannot be taken off the commitment. */
const assessedObligorsKept: Rule<"commitments"> = async ({ db, records, previous }) => {
  const [record] = records;
  if (!previous || !record) return [];
  const removed = previous.obligorPartyIds.filter((party) => !record.obligorPartyIds.includes(party));
  if (removed.length === 0) return [];
  const assessed = new Set(
    (await assessmentsOfCommitments(db, [previous.id]))
      .map((a) => a.partyId)
      .filter((party) => removed.includes(party)),
  );
  return [...assessed].map((party) => ({
    path: "0.obligorPartyIds",
    message: `"${party}" has assessments of this commitment: an obligor already assessed cannot be removed (record a new commitment instead)`,
  }));
};

/**
 * A count names one of its place's directions. The places are read FOR SHARE: a concurrent change
 * of their directions waits for this write to commit, and then sees the counts that use them.
 */
const countDirectionsDefined: Rule<"accessObservations"> = async ({ db, records }) => {
  const placeIds = [...new Set(records.filter((r) => r.counts.length > 0).map((r) => r.placeId))];
  const placesById = new Map(
    (await repositories.places.getMany(db, placeIds, { lock: "share" })).map((p) => [p.id, p]),
  );
  return records.flatMap((record, index) => {
    // A place that does not exist is the reference check's to report.
    const place = placesById.get(record.placeId);
    if (!place) return [];
    const keys = place.directions.map((d) => d.key);
    const defined = keys.length > 0 ? `its directions are ${keys.join(", ")}` : "it defines no direction yet";
    return record.counts.flatMap((count, position) =>
      keys.includes(count.direction)
        ? []
        : [
            {
              path: `${index}.counts.${position}.direction`,
              message: `"${count.direction}" is not a direction of place "${place.id}" (${defined})`,
            },
          ],
    );
  });
};

/**
 * A direction that observations count traffic in stays on its place. The place is locked FOR UPDATE
 * by the write (records.ts): an observation written meanwhile waits on it and then sees the change.
 */
const usedDirectionsKept: Rule<"places"> = async ({ db, records, previous }) => {
  const [record] = records;
  if (!previous || !record) return [];
  const kept = new Set(record.directions.map((d) => d.key));
  const removed = previous.directions.map((d) => d.key).filter((key) => !kept.has(key));
  return (await directionsInUse(db, previous.id, removed)).map(({ key, n, ids }) => ({
    path: "0.directions",
    message: `direction "${key}" is counted in ${n} access observation${n === 1 ? "" : "s"} (${ids.map((id) => `"${id}"`).join(", ")}${n > ids.length ? ", …" : ""}): change those counts before removing it`,
  }));
};

const placeHierarchyLock = (db: Db) => db.execute(sql`SELECT pg_advisory_xact_lock(4711002)`);

/**
 * A place's parents never lead back to it. Concurrent edits could each close half of a circle, so
 * hierarchy changes take one lock for the length of their transaction (see `takeRuleLocks`).
 */
const placesAcyclic: Rule<"places"> = async ({ db, records }) => {
  // A place naming itself as parent is the invariant's to report (domain/invariants.ts).
  const withParent = records.filter((r) => r.parentPlaceId !== undefined && r.parentPlaceId !== r.id);
  if (withParent.length === 0) return [];
  await placeHierarchyLock(db);
  const parents = new Map<string, string | undefined>(
    records.filter((r) => r.id !== undefined).map((r) => [r.id as string, r.parentPlaceId]),
  );
  const parentOf = async (id: string) => {
    if (!parents.has(id)) parents.set(id, (await repositories.places.getMany(db, [id]))[0]?.parentPlaceId);
    return parents.get(id);
  };
  const issues: FieldIssue[] = [];
  for (const [index, record] of records.entries()) {
    if (!withParent.includes(record)) continue;
    const chain = [record.id ?? "(new)"];
    for (let at = record.parentPlaceId; at !== undefined && chain.length <= 1000; at = await parentOf(at)) {
      chain.push(at);
      if (at !== record.id) continue;
      issues.push({
        path: `${index}.parentPlaceId`,
        message: `a place cannot be its own ancestor: ${chain.map((id) => `"${id}"`).join(" → ")}`,
      });
      break;
    }
  }
  return issues;
};

/** A document's hash and the fields the server derives from its text (services/document-derivation.ts). */
const documentDerivations: Rule<"documents"> = async ({ records, previous, receivedBytes }) =>
  records.flatMap((record, index) => {
    const { sha256, issues } = documentHashIssues(record, receivedBytes?.[index], previous);
    Object.assign(record, deriveDocumentFields(record), { sha256 });
    return issues.map((issue) => ({ ...issue, path: `${index}.${issue.path}` }));
  });

/** Rules beyond each record's schema and invariants, by kind; the same on create and on update. */
const rules: { [E in EntityName]?: Rule<E>[] } = {
  provisions: [categoriesKnown],
  commitments: [categoriesKnown, assessedObligorsKept],
  assessments: [({ db, records, today }) => checkAssessments(db, records, today)],
  places: [placesAcyclic, usedDirectionsKept],
  accessObservations: [countDirectionsDefined],
  documents: [documentDerivations],
};

/**
 * Locks a rule needs before the write locks any row: taken later, after the row, two writers could
 * each hold what the other waits for.
 */
export async function takeRuleLocks(db: Db, name: EntityName, fields: Record<string, unknown>) {
  if (name === "places" && fields.parentPlaceId !== undefined) await placeHierarchyLock(db);
}

/**
 * Applies the invariants and rules to a batch before anything is written, in the caller's
 * transaction; fills in what the server computes (a document's hash). The API (one record, created
 * or changed) and the seed loader (many) both go through here.
 */
export async function prepareRecords<E extends EntityName>(
  db: Db,
  name: E,
  records: NewRecord<E>[],
  options: {
    today?: string;
    previous?: StoredRecord<E>;
    receivedBytes?: readonly (Uint8Array | undefined)[];
  } = {},
): Promise<NewRecord<E>[]> {
  const prepared = records.map((record) => ({ ...record }));
  const context = {
    db,
    records: prepared,
    today: options.today ?? todayUtc(),
    previous: options.previous,
    receivedBytes: options.receivedBytes,
  };
  const issues: FieldIssue[] = prepared.flatMap((record, index) =>
    invariantIssues(name, record).map((issue) => ({ ...issue, path: `${index}.${issue.path}` })),
  );
  for (const rule of (rules[name] ?? []) as Rule<E>[]) issues.push(...(await rule(context)));
  if (issues.length > 0) {
    const single = records.length === 1;
    throw new ValidationError(
      `Not saved: ${issues[0]?.message ?? "the record breaks a rule"}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}.`,
      single ? issues.map((issue) => ({ ...issue, path: issue.path.replace(/^0\./, "") })) : issues,
    );
  }
  return prepared;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);
