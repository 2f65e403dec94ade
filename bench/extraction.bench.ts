import { demoLinkCandidates, demoRegistry } from "../src/ingest/extraction/demo-registry.js";
import { extractDocument } from "../src/ingest/extraction/extract.js";
import { heldOutPassages } from "../src/ingest/extraction/labelled-held-out.js";
import { labelledPassages } from "../src/ingest/extraction/labelled-passages.js";
import { scoredKinds, scoreExtraction } from "../src/ingest/extraction/scoring.js";
import { generateArticles } from "./support/generated-articles.js";

type Record = (target: string, measure: string, value: string) => void;

/**
 * Extraction alone (issue #11, item 5): throughput over generated articles against the demo registry
 * and its commitments, and precision and recall of persons, parties, speakers and claim types on the
 * labelled passages (the rules were tuned on the development set; the held-out set is the baseline).
 * The intake benchmark (bench/intake.bench.ts) measures extraction together with intake.
 */
export function benchExtraction(record: Record, count = 10_000) {
  const registry = demoRegistry();
  const candidates = demoLinkCandidates();
  const articles = generateArticles(count, 20_231_213);
  extractDocument(
    { text: articles[0]?.text ?? "", publishedOn: "2023-03-02", language: "en" },
    registry,
    candidates,
  );
  const start = performance.now();
  for (const article of articles)
    extractDocument(
      { text: article.text, publishedOn: "2023-03-02", language: article.language },
      registry,
      candidates,
    );
  const seconds = (performance.now() - start) / 1000;
  record(
    "pure",
    `extraction, ${count.toLocaleString("en")} generated articles`,
    `${(count / seconds).toFixed(0)} articles/s`,
  );
  for (const [name, passages] of [
    ["development", labelledPassages],
    ["held-out", heldOutPassages],
  ] as const) {
    const score = scoreExtraction(passages);
    const figures = scoredKinds
      .map(
        (kind) => `${kind} ${score.kinds[kind].precision.toFixed(2)}/${score.kinds[kind].recall.toFixed(2)}`,
      )
      .join(", ");
    record("pure", `extraction precision/recall, ${name} set (${passages.length} passages)`, figures);
  }
}
