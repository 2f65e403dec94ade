import { compareProvisionPaths } from "../domain/agreements.js";
import type { Db } from "../store/database.js";
import { repositories, type StoredRecord } from "../store/repository.js";
import { getRecord } from "./records.js";

export type ProvisionWithTexts = StoredRecord<"provisions"> & {
  texts: Record<string, { text: string; incomplete: boolean }>;
};

export type AgreementWithText = StoredRecord<"agreements"> & {
  versions: StoredRecord<"agreementVersions">[];
  provisions: ProvisionWithTexts[];
  commitments: StoredRecord<"commitments">[];
};

/** An agreement with every version's text of every provision, for side-by-side reading. */
export async function getAgreementWithText(db: Db, id: string): Promise<AgreementWithText> {
  const agreement = await getRecord(db, "agreements", id);
  const [versions, provisions] = await Promise.all([
    repositories.agreementVersions.all(db, { filters: { agreementId: id } }),
    repositories.provisions.all(db, { filters: { agreementId: id } }),
  ]);
  const provisionIds = provisions.map((p) => p.id);
  const texts = (
    await Promise.all(
      provisionIds.map((provisionId) => repositories.provisionTexts.all(db, { filters: { provisionId } })),
    )
  ).flat();
  const commitments = (
    await Promise.all(
      provisionIds.map((provisionId) => repositories.commitments.all(db, { filters: { provisionId } })),
    )
  ).flat();
  return {
    ...agreement,
    versions: versions.sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)),
    provisions: provisions
      .sort((a, b) => compareProvisionPaths(a.path, b.path))
      .map((provision) => ({
        ...provision,
        texts: Object.fromEntries(
          texts
            .filter((t) => t.provisionId === provision.id)
            .map((t) => [t.versionId, { text: t.text, incomplete: t.incomplete }]),
        ),
      })),
    commitments,
  };
}
