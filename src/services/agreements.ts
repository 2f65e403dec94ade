import type { Actor } from "../domain/actor.js";
import { compareProvisionPaths } from "../domain/agreements.js";
import type { Db } from "../store/database.js";
import { repositories, type StoredRecord } from "../store/repository.js";
import { allWithActions, readRecord, withActions } from "./record-reads.js";

export type ProvisionWithTexts = StoredRecord<"provisions"> & {
  texts: Record<string, { text: string; incomplete: boolean }>;
};

export type AgreementWithText = StoredRecord<"agreements"> & {
  versions: StoredRecord<"agreementVersions">[];
  provisions: ProvisionWithTexts[];
  commitments: StoredRecord<"commitments">[];
};

/** An agreement with every version's text of every provision, for side-by-side reading. */
export async function getAgreementWithText(db: Db, actor: Actor, id: string): Promise<AgreementWithText> {
  const [withText] = await withTexts(db, [await readRecord(db, actor, "agreements", id)], actor);
  const { versions, provisions, commitments, ...agreement } = withText as AgreementWithText;
  // The page's record and every nested one carry what the caller may do with them.
  return {
    ...withActions(actor, "agreements", agreement),
    versions: allWithActions(actor, "agreementVersions", versions),
    provisions: allWithActions(actor, "provisions", provisions),
    commitments: allWithActions(actor, "commitments", commitments),
  };
}

/**
 * Agreements with their versions, provisions, texts and commitments, read by sets: four statements
 * whatever the number of agreements, provisions or versions (the report reads every agreement).
 */
export async function withTexts(
  db: Db,
  agreements: readonly StoredRecord<"agreements">[],
  readAs: Actor,
): Promise<AgreementWithText[]> {
  const agreementIds = agreements.map((a) => a.id);
  const [versions, provisions] = await Promise.all([
    repositories.agreementVersions.all(db, { filtersIn: { agreementId: agreementIds }, readAs }),
    repositories.provisions.all(db, { filtersIn: { agreementId: agreementIds }, readAs }),
  ]);
  const provisionIds = provisions.map((p) => p.id);
  const [texts, commitments] = await Promise.all([
    repositories.provisionTexts.all(db, { filtersIn: { provisionId: provisionIds }, readAs }),
    repositories.commitments.all(db, { filtersIn: { provisionId: provisionIds }, readAs }),
  ]);
  const textsByProvision = groupBy(texts, (t) => t.provisionId);
  const provisionsWithTexts = provisions
    .sort((a, b) => compareProvisionPaths(a.path, b.path))
    .map((provision) => ({
      ...provision,
      texts: Object.fromEntries(
        (textsByProvision.get(provision.id) ?? []).map((t) => [
          t.versionId,
          { text: t.text, incomplete: t.incomplete },
        ]),
      ),
    }));
  const provisionsByAgreement = groupBy(provisionsWithTexts, (p) => p.agreementId);
  const versionsByAgreement = groupBy(
    versions.sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)),
    (v) => v.agreementId,
  );
  const agreementOfProvision = new Map(provisions.map((p) => [p.id, p.agreementId]));
  // In the order of their provisions (sorted by path above), as the page and the report list them.
  const provisionOrder = new Map(provisions.map((p, index) => [p.id, index]));
  const inProvisionOrder = commitments.sort(
    (a, b) => (provisionOrder.get(a.provisionId ?? "") ?? 0) - (provisionOrder.get(b.provisionId ?? "") ?? 0),
  );
  const commitmentsByAgreement = groupBy(inProvisionOrder, (c) =>
    c.provisionId ? agreementOfProvision.get(c.provisionId) : undefined,
  );
  return agreements.map((agreement) => ({
    ...agreement,
    versions: versionsByAgreement.get(agreement.id) ?? [],
    provisions: provisionsByAgreement.get(agreement.id) ?? [],
    commitments: commitmentsByAgreement.get(agreement.id) ?? [],
  }));
}

export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
