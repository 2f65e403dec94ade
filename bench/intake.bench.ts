import { cleanText } from "../src/ingest/sources/cleaning.js";
import { detectLanguage } from "../src/ingest/sources/language.js";
import { fingerprintText } from "../src/ingest/sources/near-duplicates.js";
import { findPublishedDate } from "../src/ingest/sources/text-dates.js";
import { systemActor } from "../src/services/context.js";
import { seedFromFolder } from "../src/services/demo-data.js";
import { ingestPastedTexts } from "../src/services/source-intake.js";
import type { Database } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { repositories } from "../src/store/repository.js";
import { generateArticles } from "./support/generated-articles.js";

type Record = (target: string, measure: string, value: string) => void;

/** As a feed poll or a CLI run takes them: a batch is read, then stored in one transaction. */
const batchSize = 100;

/**
 * Intake of 10,000 generated articles (issue #10, item 7; target ≥ 200 articles/s per core): the
 * reading steps alone, then the whole intake into the database — hash, sighting check, cleaning,
 * language, date, MinHash fingerprint, candidate lookup by band keys, comparison, clustering,
 * extraction of mentions, dates, quotes and claims (issue #11) — in
 * batches of a hundred, as the CLI and the feeds take them in. PGlite runs in this same thread, so the
 * figure is per core. Then the near-duplicate clusters are scored against the generator's labels.
 */
export async function benchIntake(
  record: Record,
  target: string,
  open: () => Promise<Database>,
  count = 10_000,
) {
  const articles = generateArticles(count, 20_231_212);
  const readStart = performance.now();
  for (const article of articles) {
    const { cleaned } = cleanText(article.text);
    detectLanguage(cleaned);
    findPublishedDate(article.text);
    fingerprintText(cleaned);
  }
  const readSeconds = (performance.now() - readStart) / 1000;
  record(
    "pure",
    `clean + language + date + fingerprint, ${count.toLocaleString("en")} articles`,
    `${(count / readSeconds).toFixed(0)} articles/s`,
  );

  const database = await open();
  try {
    await migrate(database.db);
    const actor = systemActor("bench");
    // The demo process: its parties, persons, places and commitments are what extraction reads against.
    await seedFromFolder(database.db);
    const documentIds = new Map<string, string>();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let first = 0; first < articles.length; first += batchSize) {
      const batch = articles.slice(first, first + batchSize);
      const outcomes = await ingestPastedTexts(
        database.db,
        actor,
        batch.map((article) => ({
          text: article.text,
          metadata: { processId: "nk-2020", title: article.id },
        })),
      );
      outcomes.forEach((outcome, index) => {
        if (outcome.outcome !== "failed")
          documentIds.set((batch[index] as { id: string }).id, outcome.documentId);
      });
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    record(
      target,
      `intake + cleaning + dedupe, ${count.toLocaleString("en")} articles (target ≥ 200/s per core)`,
      `${(count / seconds).toFixed(0)} articles/s; ${(count / cpuSeconds).toFixed(0)} per CPU-second of this process`,
    );
    const quality = await clusterQuality(database, articles, documentIds);
    record(
      target,
      "near-duplicate pairs: precision / recall (generated labels)",
      `${quality.precision.toFixed(3)} / ${quality.recall.toFixed(3)}`,
    );
  } finally {
    await database.close();
  }
}

/** Pairwise: two articles belong together when one derives from the other or both from the same source. */
async function clusterQuality(
  database: Database,
  articles: ReturnType<typeof generateArticles>,
  documentIds: Map<string, string>,
) {
  const stored = await repositories.documents.all(database.db, { filters: { processId: "nk-2020" } });
  const clusterOf = new Map(
    stored.map((document) => [document.id, document.duplicateClusterId ?? document.id]),
  );
  const sourceOf = (id: string): string => {
    const article = articles.find((candidate) => candidate.id === id);
    return article?.duplicateOf ? sourceOf(article.duplicateOf) : id;
  };
  const bySource = new Map<string, string[]>();
  const byCluster = new Map<string, string[]>();
  for (const article of articles) {
    const documentId = documentIds.get(article.id);
    if (!documentId) continue;
    push(bySource, sourceOf(article.id), article.id);
    push(byCluster, clusterOf.get(documentId) ?? documentId, article.id);
  }
  const truth = pairsOf(bySource);
  const predicted = pairsOf(byCluster);
  const both = [...predicted].filter((pair) => truth.has(pair)).length;
  return {
    precision: predicted.size ? both / predicted.size : 1,
    recall: truth.size ? both / truth.size : 1,
  };
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function pairsOf(groups: Map<string, string[]>): Set<string> {
  const pairs = new Set<string>();
  for (const members of groups.values())
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) pairs.add([members[i], members[j]].sort().join("|"));
  return pairs;
}
