import { createHash } from "node:crypto";
import type { Actor } from "../domain/actor.js";
import { readableFilter } from "../domain/policy.js";
import type { Db } from "../store/database.js";
import { latestPublishedIncidents, publishedIncidentCounts } from "../store/feature-queries.js";
import { type ExportedReply, publishedRepliesTo } from "../store/reply-exports.js";
import { repositories } from "../store/repository.js";
import { loadLicencePolicy } from "./licence-policy.js";
import { readRecord } from "./record-reads.js";
import { packageVersion } from "./version.js";

/**
 * An Atom 1.0 feed (RFC 4287) of published incidents, most recently changed first, for feed readers
 * and alerting. Everything a record holds is escaped, and characters XML 1.0 cannot carry are
 * dropped, so no record can break the document.
 */

export const feedSize = 100;
const contentLength = 4000;

/** Characters XML 1.0 allows (§2.2); C0 controls other than tab, LF and CR, and lone surrogates, are not. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value
    .replace(notXmlChar, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * A name-based UUID (RFC 4122 version 5): the same record always gets the same entry id, whatever
 * address the feed was fetched from, so readers never show an incident twice.
 */
export function uuidV5(name: string, namespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const iso = (value: string) =>
  new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

export async function incidentsFeed(
  db: Db,
  options: { baseUrl: string; processId?: string; readAs: Actor },
): Promise<string> {
  const { baseUrl, processId, readAs } = options;
  // A feed reader is the public; a signed-in caller gets what it may read (readable.ts).
  const readable = readableFilter(readAs, "incidents");
  const process = processId ? await readRecord(db, readAs, "processes", processId) : undefined;
  const policy = await loadLicencePolicy(db);
  const served: string[] = [];
  const counted: { licence: string; count: number }[] = [];
  for (const { licence, count } of await publishedIncidentCounts(db, readable, processId)) {
    if (licence === null) continue;
    const use = policy.publicRowRule(licence);
    if (use === "include") served.push(licence);
    else if (use === "count_only") counted.push({ licence, count });
  }
  const rows = await latestPublishedIncidents(db, {
    processId,
    servedLicences: served,
    limit: feedSize,
    readable,
  });
  const processNames = new Map(
    (await repositories.processes.getMany(db, [...new Set(rows.map((r) => r.processId))], { readAs })).map(
      (p) => [p.id, p.name],
    ),
  );

  const selfHref = `${baseUrl}/api/incidents.atom${processId ? `?process=${encodeURIComponent(processId)}` : ""}`;
  const title = process ? `Peacetrack: incidents in ${process.name}` : "Peacetrack: incidents";
  // Every licence whose rows are listed or counted here is credited; left-out licences are not.
  const credited = [...new Set(rows.map((r) => r.licence)), ...counted.map((c) => c.licence)];
  const rights = policy.attributionLines(credited);
  const countNote = counted
    .map(
      (c) =>
        `${c.count} further incident(s) under "${policy.licences([c.licence])[0]?.name}" are counted, not listed.`,
    )
    .join(" ");
  // The parties' published replies: in their incident's entry, and as entries of their own.
  const replies = await publishedRepliesTo(
    db,
    "incidents",
    rows.map((r) => r.id),
  );
  const stamps = [
    ...rows.map((r) => iso(r.updatedAt)),
    ...[...replies.values()].flat().map((reply) => reply.publishedAt),
  ].sort();
  const updated = stamps.at(-1) ?? new Date().toISOString();

  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>urn:uuid:${uuidV5(`peacetrack:incidents-feed:${processId ?? "*"}`)}</id>`,
    `  <title type="text">${xmlText(title)}</title>`,
    `  <subtitle type="text">${xmlText(`Published incidents, most recently changed first (at most ${feedSize}). ${countNote}`.trim())}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(selfHref)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${baseUrl}/incidents`)}"/>`,
    `  <author><name>Peacetrack</name></author>`,
    `  <generator version="${xmlText(packageVersion)}">Peacetrack</generator>`,
    ...(rights.length ? [`  <rights type="text">${xmlText(rights.join("\n"))}</rights>`] : []),
  ];
  const entries: { updated: string; lines: string[] }[] = [];
  for (const row of rows) {
    const where = [row.locationName, row.country].filter(Boolean).join(", ");
    const when = row.endDate
      ? `${row.startDate} to ${row.endDate}`
      : `${row.startDate}${row.ongoing ? ", ongoing" : ""}`;
    const summary = `${when}${where ? ` — ${where}` : ""} — ${row.monitoringType.replace(/_/g, " ")}${
      processNames.get(row.processId) ? ` (${processNames.get(row.processId)})` : ""
    }`;
    const description =
      row.description.length > contentLength
        ? `${row.description.slice(0, contentLength)}…`
        : row.description;
    const answers = replies.get(row.id) ?? [];
    const content = [description, ...answers.map(replyParagraph)].filter(Boolean).join("\n\n");
    const entryRights = policy.attributionLines([row.licence]);
    const link = `${baseUrl}/incidents/${encodeURIComponent(row.id)}`;
    for (const reply of answers) entries.push(replyEntry(reply, row.title, link));
    entries.push({
      updated: iso(row.updatedAt),
      lines: [
        `  <entry>`,
        `    <id>urn:uuid:${uuidV5(`peacetrack:incident:${row.id}`)}</id>`,
        `    <title type="text">${xmlText(row.title)}</title>`,
        `    <updated>${iso(row.updatedAt)}</updated>`,
        `    <published>${iso(row.createdAt)}</published>`,
        `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
        `    <author><name>Peacetrack</name></author>`,
        `    <category term="${xmlText(row.monitoringType)}"/>`,
        `    <summary type="text">${xmlText(summary)}</summary>`,
        ...(content ? [`    <content type="text">${xmlText(content)}</content>`] : []),
        ...(entryRights.length
          ? [`    <rights type="text">${xmlText(entryRights.join("\n"))}</rights>`]
          : []),
        `  </entry>`,
      ],
    });
  }
  entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  lines.push(...entries.flatMap((entry) => entry.lines), `</feed>`, "");
  return lines.join("\n");
}

/** A reply as the incident's entry shows it, with equal prominence: the party, the date, the words. */
const replyParagraph = (reply: ExportedReply) =>
  `Reply by ${reply.party} (${reply.publishedAt.slice(0, 10)}): ${reply.text}`;

/** A published reply as an entry of its own, linked to the incident it answers. */
function replyEntry(reply: ExportedReply, incidentTitle: string, link: string) {
  return {
    updated: reply.publishedAt,
    lines: [
      `  <entry>`,
      `    <id>urn:uuid:${uuidV5(`peacetrack:reply:${reply.id}`)}</id>`,
      `    <title type="text">${xmlText(`Reply by ${reply.party}: ${incidentTitle}`)}</title>`,
      `    <updated>${reply.publishedAt}</updated>`,
      `    <published>${reply.publishedAt}</published>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <author><name>${xmlText(reply.party)}</name></author>`,
      `    <category term="reply"/>`,
      `    <content type="text">${xmlText(reply.text)}</content>`,
      `  </entry>`,
    ],
  };
}
