import { createHash } from "node:crypto";
import { unknownCategories } from "../domain/codebook.js";
import type { EntityName } from "../domain/entities.js";
import type { Db } from "../store/database.js";
import { type FieldIssue, ValidationError } from "../store/errors.js";
import type { NewRecord } from "../store/repository.js";
import { checkAssessments } from "./assessment-rules.js";
import { loadCodebook } from "./codebook.js";

type Rule<E extends EntityName> = (db: Db, records: NewRecord<E>[], today: string) => Promise<FieldIssue[]>;

const categoriesKnown = async (_db: Db, records: { categories: string[] }[]): Promise<FieldIssue[]> => {
  const codebook = loadCodebook();
  return records.flatMap((record, index) =>
    unknownCategories(codebook, record.categories).map((category) => ({
      path: `${index}.categories`,
      message: `"${category}" is not in the codebook (data/codebook/categories.yaml)`,
    })),
  );
};

/**
 * Rules beyond each record's schema, checked for a whole batch before anything is written;
 * the API (one record) and the seed loader (many) both go through them.
 */
const rules: { [E in EntityName]?: Rule<E> } = {
  provisions: categoriesKnown,
  commitments: categoriesKnown,
  interpretations: async (_db, records) =>
    records.flatMap((record, index) =>
      record.commitmentId || record.provisionId
        ? []
        : [
            {
              path: `${index}.commitmentId`,
              message: "an interpretation reads a commitment or a provision: name one",
            },
          ],
    ),
  assessments: (db, records, today) => checkAssessments(db, records, today),
};

/** Fills in what the server computes (a document's hash) and applies the rules above. */
export async function prepareRecords<E extends EntityName>(
  db: Db,
  name: E,
  records: NewRecord<E>[],
  today = new Date().toISOString().slice(0, 10),
): Promise<NewRecord<E>[]> {
  const prepared =
    name === "documents"
      ? ((records as unknown as NewRecord<"documents">[]).map(withHash) as unknown as NewRecord<E>[])
      : records;
  const rule = rules[name] as Rule<E> | undefined;
  const issues = rule ? await rule(db, prepared, today) : [];
  if (issues.length > 0) {
    const single = records.length === 1;
    throw new ValidationError(
      `Not saved: ${issues[0]?.message ?? "the record breaks a rule"}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}.`,
      single ? issues.map((issue) => ({ ...issue, path: issue.path.replace(/^0\./, "") })) : issues,
    );
  }
  return prepared;
}

function withHash(document: NewRecord<"documents">): NewRecord<"documents"> {
  return { ...document, sha256: document.sha256 ?? createHash("sha256").update(document.text).digest("hex") };
}
