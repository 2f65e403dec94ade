import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { anonymous } from "../src/domain/actor.js";
import { SearchQuery } from "../src/domain/search.js";
import { search } from "../src/services/search.js";
import { copyText, openBulkConnection } from "../src/store/bulk-connection.js";
import type { Database } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { repositories } from "../src/store/repository.js";
import { seededRandom } from "../src/test-support/random.js";
import { type GeneratedArticle, generateArticles } from "./support/generated-articles.js";

/**
 * Search at scale (issue 10, item 7): generated statements in four languages written straight in with
 * COPY (their search vectors computed by the database as it stores them), then ~200 searches of varied
 * words through the search use case, read as the public. Figures only; nothing is asserted.
 */

type Record = (target: string, measure: string, value: string) => void;

/** Articles generated once and reused in different cuts: generating 100,000 full ones takes 40 s or more. */
const distinctArticles = 10_000;
/** Each document keeps about this many characters of its article: a statement's length, not a report's. */
const documentChars = 800;
const batchSize = 5_000;
const publishers = [
  "Ministry of Foreign Affairs of Armenia",
  "Ministry of Foreign Affairs of Azerbaijan",
  "Ministry of Foreign Affairs of Russia",
  "Armenpress",
  "APA",
  "TASS",
  "OSCE",
];
const columns =
  "id, created_by, updated_by, process_id, kind, title, publisher, language, published_on, text, cleaned_text, sha256, review_state, author_party_id";

const percentile = (sorted: number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))] ?? Number.NaN;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

/** The i-th document: an article cut at a sentence boundary from an offset that varies with i. */
function documentRow(i: number, article: GeneratedArticle, random: () => number): string {
  const sentences = article.text.split(/(?<=[.։!?])\s+/);
  const start = Math.floor(i / distinctArticles) % Math.max(1, sentences.length - 2);
  let text = "";
  for (const sentence of sentences.slice(start)) {
    if (text.length + sentence.length > documentChars && text) break;
    text += (text ? " " : "") + sentence;
  }
  const title = (sentences[start] ?? text).slice(0, 120);
  const day = new Date(Date.UTC(2010, 0, 1) + Math.floor(random() * 5000) * 86_400_000);
  const fields = [
    `bd${String(i).padStart(7, "0")}`,
    "bench",
    "bench",
    "bench",
    i % 3 === 0 ? "news_article" : "official_statement",
    title,
    publishers[i % publishers.length] as string,
    article.language,
    random() < 0.1 ? null : day.toISOString().slice(0, 10),
    text,
    text,
    createHash("sha256").update(`${i}:${text}`).digest("hex"),
    random() < 0.05 ? "draft" : "published",
    random() < 0.5 ? `bench-${"abcde"[i % 5]}` : null,
  ];
  return fields.map((value) => (value === null ? "\\N" : copyText(value))).join("\t");
}

async function fillDocuments(database: Database, count: number, articles: GeneratedArticle[]) {
  const random = seededRandom(5);
  // A bulk load goes through GIN's pending list, merged once at the end (the index is kept without
  // it for the few-at-a-time inserts of normal use: migration 0019).
  await database.db.execute(sql`ALTER INDEX documents_search SET (fastupdate = on)`);
  const bulk = await openBulkConnection(database.db);
  try {
    for (let start = 0; start < count; start += batchSize) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(count, start + batchSize); i++)
        lines.push(documentRow(i, articles[i % articles.length] as GeneratedArticle, random));
      await bulk.transaction((q) => q.copyIn(`documents (${columns})`, `${lines.join("\n")}\n`));
    }
  } finally {
    await bulk.release();
  }
  // What autovacuum does on a server after a bulk load: merge the GIN pending lists, gather statistics.
  await database.db.execute(sql`VACUUM ANALYZE documents`);
  await database.db.execute(sql`ALTER INDEX documents_search SET (fastupdate = off)`);
}

/** Words and pairs of words taken from the articles (common and rare alike), and a few names. */
function searchTerms(articles: GeneratedArticle[], count: number): string[] {
  const random = seededRandom(17);
  const terms = ["Lachin corridor", "negotiations", "переговоры", "միջանցք", "danışıqlar", "Stepanakret"];
  while (terms.length < count) {
    const article = articles[Math.floor(random() * articles.length)] as GeneratedArticle;
    const words = article.text.split(/[^\p{L}\p{N}-]+/u).filter((word) => word.length >= 5);
    const at = Math.floor(random() * Math.max(1, words.length - 1));
    const word = words[at];
    if (!word) continue;
    terms.push(random() < 0.25 && words[at + 1] ? `${word} ${words[at + 1]}` : word);
  }
  return terms;
}

export async function benchSearch(
  target: string,
  open: () => Promise<Database>,
  count: number,
  record: Record,
) {
  const database = await open();
  try {
    await migrate(database.db);
    await repositories.processes.create(
      database.db,
      { id: "bench", name: "Bench", slug: "bench" } as never,
      "bench",
    );
    await repositories.parties.insertMany(
      database.db,
      ["a", "b", "c", "d", "e"].map((letter) => ({
        id: `bench-${letter}`,
        processId: "bench",
        kind: "state",
        shortName: `Party ${letter}`,
        names: [{ text: `Party ${letter}`, lang: "en" }],
      })) as never,
      "bench",
    );
    const generating = performance.now();
    const articles = generateArticles(distinctArticles, 11);
    const filling = performance.now();
    await fillDocuments(database, count, articles);
    record(
      target,
      `search: fill ${count.toLocaleString("en")} documents (generate ${((filling - generating) / 1000).toFixed(0)} s, COPY + vectors)`,
      `${((performance.now() - filling) / 1000).toFixed(1)} s`,
    );

    const terms = searchTerms(articles, 200);
    const run = (q: string) => search(database.db, anonymous, SearchQuery.parse({ q, processId: "bench" }));
    for (const q of terms.slice(0, 5)) await run(q);
    const timed: { q: string; ms: number }[] = [];
    let capped = 0;
    for (const q of terms) {
      const start = performance.now();
      const answer = await run(q);
      timed.push({ q, ms: performance.now() - start });
      if (answer.totalIsCapped) capped++;
    }
    const times = timed.map((t) => t.ms).sort((a, b) => a - b);
    const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.error(`  slowest searches: ${slowest.map((t) => `"${t.q}" ${ms(t.ms)}`).join(", ")}`);
    record(
      target,
      `search: ${terms.length} searches at ${count.toLocaleString("en")} docs, p50 / p95 (${capped} capped)`,
      `${ms(percentile(times, 0.5))} / ${ms(percentile(times, 0.95))}`,
    );
  } finally {
    await database.close();
  }
}
