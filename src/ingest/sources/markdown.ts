import { toIsoDateOrDateTime } from "./date-times.js";
import { htmlToInlineText } from "./sniff-text.js";

/**
 * Markdown to plain text: the words a reader sees, without the markup. Headings, list items and
 * paragraphs become paragraphs separated by a blank line (a paragraph's soft line breaks are
 * joined); emphasis, code marks and link targets go, link and image texts stay; ordered list
 * numbers stay, since agreements number their provisions. Front matter (YAML between --- lines) is
 * read for title, date and author, and is not text.
 */
export interface MarkdownText {
  text: string;
  title?: string;
  author?: string;
  publishedAt?: string;
  declaredLanguage?: string;
}

export function markdownToText(markdown: string): MarkdownText {
  const { frontMatter, body } = splitFrontMatter(markdown.replace(/\r\n?/g, "\n"));
  const paragraphs = blocksOf(body);
  const firstHeading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(stripFences(body))?.[1];
  const result: MarkdownText = { text: paragraphs.join("\n\n") };
  const title = frontMatter.title ?? (firstHeading ? inlineText(firstHeading) : undefined);
  if (title) result.title = title;
  const author = frontMatter.author ?? frontMatter.authors;
  if (author) result.author = author;
  const date = toIsoDateOrDateTime(frontMatter.date ?? frontMatter.published);
  if (date) result.publishedAt = date;
  const language = frontMatter.lang ?? frontMatter.language;
  if (language) result.declaredLanguage = language;
  return result;
}

/** Simple `key: value` front matter (and `key: [a, b]` or a `- item` list for authors). */
function splitFrontMatter(markdown: string): { frontMatter: Record<string, string>; body: string } {
  const match = /^\uFEFF?---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(markdown);
  if (!match) return { frontMatter: {}, body: markdown };
  const frontMatter: Record<string, string> = {};
  let listKey: string | undefined;
  for (const line of (match[1] ?? "").split("\n")) {
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (item && listKey) {
      const value = unquote(item[1] as string);
      frontMatter[listKey] = frontMatter[listKey] ? `${frontMatter[listKey]}, ${value}` : value;
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = (pair[1] as string).toLowerCase();
    const value = (pair[2] as string).trim();
    listKey = value ? undefined : key;
    if (!value) continue;
    const list = /^\[(.*)\]$/.exec(value);
    frontMatter[key] = list ? (list[1] as string).split(",").map(unquote).join(", ") : unquote(value);
  }
  return { frontMatter, body: markdown.slice(match[0].length) };
}

const unquote = (value: string) =>
  value
    .trim()
    .replace(/^(["'])(.*)\1$/, "$2")
    .trim();

const stripFences = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, "");

/** The paragraphs of the body, each as plain text. */
function blocksOf(body: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    const text = fence ? current.join("\n") : current.map(inlineText).filter(Boolean).join(" ");
    if (text.trim()) paragraphs.push(text.trim());
    current = [];
  };
  for (const line of body.split("\n")) {
    const fenceMark = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fence) {
      if (fenceMark === fence) {
        flush();
        fence = undefined;
      } else current.push(line);
      continue;
    }
    if (fenceMark) {
      flush();
      fence = fenceMark;
      continue;
    }
    if (/^\s*$/.test(line) || /^\s*([-*_])(\s*\1){2,}\s*$/.test(line) || isReferenceDefinition(line)) {
      flush();
      continue;
    }
    if (/^\s*(=+|-+)\s*$/.test(line) && current.length > 0) {
      flush(); // a setext heading's underline: the lines above were the heading
      continue;
    }
    if (/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line)) continue; // a table's rule row
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    const listItem = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+/.test(line);
    if (heading || listItem || /^\s*\|/.test(line)) flush();
    current.push(heading ? (heading[1] as string) : line);
    if (heading || /^\s*\|/.test(line)) flush();
  }
  flush();
  return paragraphs;
}

const isReferenceDefinition = (line: string) => /^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line);

/** One line of Markdown as plain text. */
function inlineText(line: string): string {
  let text = line
    .replace(/^\s*(?:>\s*)+/, "") // block quote marks
    .replace(/^\s*[-*+]\s+(\[[ xX]\]\s+)?/, "") // bullets and task boxes; ordered numbers stay
    .replace(/^\s*\|(.*)\|\s*$/, (_whole, cells: string) =>
      cells
        .split("|")
        .map((cell) => cell.trim())
        .join("\t"),
    );
  text = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images: their alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1") // links: their text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1") // reference links
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1") // autolinks
    .replace(/`+([^`]+)`+/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, "$1"); // backslash escapes
  return /<[a-z/!]/i.test(text)
    ? htmlToInlineText(text)
    : text.replace(/[ \t]+$/g, "").replace(/^[ \t]+/, "");
}

/** Whether decoded text looks like Markdown (for a file that has no telling name or type). */
export function looksLikeMarkdown(text: string): boolean {
  const head = text.slice(0, 16 * 1024);
  const signals = [
    /^---\n[\s\S]*?\n---\n/.test(head),
    /^#{1,6}\s+\S/m.test(head),
    /\[[^\]]+\]\([^)\s]+\)/.test(head),
    /(\*\*|__)\S[^\n]*?\S\1/.test(head),
    /^\s*[-*+]\s+\S/m.test(head),
    /^```/m.test(head),
    /^>\s+\S/m.test(head),
  ];
  return signals.filter(Boolean).length >= 2;
}
