/**
 * Small readers of decoded text: what a document's root element is, what a document that is not a
 * feed is instead (for the error message), and markup-free text of a short HTML snippet.
 */

const prolog = /^(?:\uFEFF|\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\])?[^>]*>)*/i;

/** The name of the first element ("rss", "feed", "rdf:RDF", "html"), skipping the prolog. */
export function xmlRootName(text: string): string | undefined {
  const head = text.slice(0, 64 * 1024);
  const afterProlog = head.slice(prolog.exec(head)?.[0].length ?? 0);
  return /^<([A-Za-z_][\w:.-]*)/.exec(afterProlog)?.[1];
}

/** What a document is, in words for an error message: "an HTML page (“Log in”)", "JSON", … */
export function describeNonFeed(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("%PDF-")) return "a PDF file";
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return describeJson(trimmed);
  const root = xmlRootName(trimmed);
  if (/^<!doctype html/i.test(trimmed) || root?.toLowerCase() === "html") {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed.slice(0, 64 * 1024))?.[1];
    const plainTitle = title ? htmlToInlineText(title) : "";
    return plainTitle ? `an HTML page (“${plainTitle.slice(0, 80)}”)` : "an HTML page";
  }
  if (root) return `an XML document whose root element is <${root}>`;
  if (trimmed.startsWith("<")) return "markup that is not well-formed XML";
  return "plain text";
}

function describeJson(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    const version = (value as { version?: unknown } | null)?.version;
    if (typeof version === "string" && version.includes("jsonfeed.org")) {
      return "a JSON Feed (only RSS, Atom and RDF feeds are read)";
    }
    return "JSON";
  } catch {
    return "JSON-like text that is not valid JSON";
  }
}

const namedEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

/** Decodes numeric character references and the common named entities; others stay as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const codePoint =
        name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

/** A one-line snippet (a title, an author) as plain text: no tags, entities decoded, spaces collapsed. */
export function htmlToInlineText(html: string): string {
  const withoutTags = html.replace(/<!\[CDATA\[|\]\]>/g, "").replace(/<[^>]*>/g, "");
  return decodeEntities(withoutTags).replace(/\s+/g, " ").trim();
}
