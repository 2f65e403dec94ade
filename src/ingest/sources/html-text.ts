import { parseHTML } from "linkedom";

/**
 * HTML to plain text the way a reader sees it: each block (paragraph, heading, list item, table
 * row, …) becomes one paragraph, paragraphs are separated by a blank line, a <br> is a line break,
 * and runs of white space inside a block are one space. Hidden and non-content elements are left
 * out.
 */

export interface TextBlock {
  text: string;
  /** How many of the block's characters are link text (for telling prose from navigation). */
  linkChars: number;
}

type DomDocument = ReturnType<typeof parseHTML>["document"];

/** linkedom needs a whole document: a bare fragment ("<p>…</p>") is parsed into a broken tree. */
export function parseHtmlDocument(html: string): DomDocument {
  const whole = /<html[\s>]/i.test(html)
    ? html
    : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(whole).document;
}

const blockElements = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BODY",
  "CAPTION",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TBODY",
  "TD",
  "TH",
  "THEAD",
  "TR",
  "UL",
]);

const skippedElements = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "HEAD",
  "SVG",
  "CANVAS",
  "IFRAME",
  "OBJECT",
  "BUTTON",
  "SELECT",
  "TEXTAREA",
  "INPUT",
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?: (name: string) => string | null;
}

function isHidden(element: DomNode): boolean {
  const get = element.getAttribute?.bind(element);
  if (!get) return false;
  if (get("hidden") !== null || get("aria-hidden") === "true") return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(get("style") ?? "");
}

/** The blocks of text under a node, in document order. */
export function textBlocks(root: unknown): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current = "";
  let currentLinkChars = 0;
  const flush = () => {
    const text = current
      .split("\n")
      .map((line) => line.replace(/[ \t\f\r\u00a0]+/g, " ").trim())
      .filter((line) => line.length > 0)
      .join("\n");
    if (text) blocks.push({ text, linkChars: Math.min(currentLinkChars, text.length) });
    current = "";
    currentLinkChars = 0;
  };
  const walk = (node: DomNode, inLink: boolean, inPre: boolean) => {
    if (node.nodeType === 3) {
      const raw = node.textContent ?? "";
      const text = inPre ? raw : raw.replace(/\s+/g, " ");
      current += text;
      if (inLink) currentLinkChars += text.trim().length;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (skippedElements.has(name) || isHidden(node)) return;
    if (name === "BR") {
      current += "\n";
      return;
    }
    const block = blockElements.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes))
      walk(child, inLink || name === "A", inPre || name === "PRE");
    if (block) flush();
  };
  walk(root as DomNode, false, false);
  flush();
  return blocks;
}

export const blocksToText = (blocks: TextBlock[]): string => blocks.map((block) => block.text).join("\n\n");

/**
 * Characters of prose among the blocks: blocks that are mostly link text (menus, lists of
 * headlines) and very short blocks (labels, buttons, dates) do not count.
 */
export function proseLength(blocks: TextBlock[]): number {
  return blocks
    .filter((block) => block.linkChars / block.text.length < 0.5 && block.text.split(/\s+/).length >= 4)
    .reduce((sum, block) => sum + block.text.length, 0);
}
