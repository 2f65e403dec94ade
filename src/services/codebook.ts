import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { Codebook, type CodebookCategory } from "../domain/codebook.js";
import { fromRoot } from "../project-root.js";

export const codebookFile = fromRoot("data/codebook/categories.yaml");

let cached: CodebookCategory[] | undefined;

/** The category codebook, a reviewable data file read once per process. */
export function loadCodebook(file = codebookFile): CodebookCategory[] {
  if (file === codebookFile && cached) return cached;
  const parsed = Codebook.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  if (file === codebookFile) cached = parsed.data;
  return parsed.data;
}
