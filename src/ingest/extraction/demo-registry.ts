/**
 * The demo dataset's parties, persons, places and link candidates (commitments and provision texts)
 * read from data/demo, for tests and the benchmark. Not used at run time: the service passes the
 * registry it holds.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { fromRoot } from "../../project-root.js";
import type { ExtractionRegistry, LinkCandidate } from "./types.js";

function readDemo<T>(name: string): T[] {
  return parse(readFileSync(fromRoot("data", "demo", `${name}.yaml`), "utf8")) as T[];
}

export function demoRegistry(): ExtractionRegistry {
  return { parties: readDemo("parties"), persons: readDemo("persons"), places: readDemo("places") };
}

/** Commitments (title, action and object) and provision texts, as suggestion candidates. */
export function demoLinkCandidates(): LinkCandidate[] {
  const commitments = readDemo<{ id: string; title: string; action?: string; object?: string }>(
    "commitments",
  );
  const texts = readDemo<{ provisionId: string; text?: string }>("provisionTexts");
  const byProvision = new Map<string, string[]>();
  for (const text of texts) {
    if (!text.text) continue;
    byProvision.set(text.provisionId, [...(byProvision.get(text.provisionId) ?? []), text.text]);
  }
  return [
    ...commitments.map((c) => ({
      kind: "commitment",
      id: c.id,
      text: [c.title, c.action, c.object].filter(Boolean).join(". "),
    })),
    ...[...byProvision].map(([id, versions]) => ({ kind: "provision", id, text: versions.join(" ") })),
  ];
}

export function demoDocument(name: string): string {
  return readFileSync(fromRoot("data", "demo", "documents", `${name}.txt`), "utf8");
}
