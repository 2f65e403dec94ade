/**
 * The address to link to when it is a web address, else undefined (the anchor then shows its text
 * without being a link). A stored `javascript:` address would otherwise run on our own origin on
 * click; `new URL` parses as the browser does, so spaces, tabs and case cannot disguise a scheme.
 * The report on the server keeps its own copy: the web app imports no runtime code from other rings.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
