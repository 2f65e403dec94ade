/**
 * Text that PostgreSQL cannot store faithfully: a NUL character (refused in text and jsonb) and a lone
 * UTF-16 surrogate (refused in jsonb; elsewhere it could only be kept by replacing it with U+FFFD,
 * which would silently change what a source said). Such input is refused, never repaired.
 */
export interface TextIssue {
  path: string;
  message: string;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unstorableTextReason(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  if (loneSurrogate.test(text))
    return "contains a lone UTF-16 surrogate: it is not valid Unicode text and cannot be stored";
  return undefined;
}

/**
 * Walks a parsed value (a request body, a query, a record) and lists every string, and every object
 * key, that cannot be stored, by its dotted path.
 */
export function findUnstorableText(
  value: unknown,
  path = "",
  issues: TextIssue[] = [],
  depth = 0,
): TextIssue[] {
  if (issues.length >= 20) return issues;
  if (depth > 64) {
    issues.push({ path: path || "body", message: "nested more than 64 levels deep" });
    return issues;
  }
  if (typeof value === "string") {
    const reason = unstorableTextReason(value);
    if (reason) issues.push({ path: path || "body", message: reason });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      findUnstorableText(item, join(path, String(index)), issues, depth + 1);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const reason = unstorableTextReason(key);
      if (reason) issues.push({ path: join(path, printable(key)), message: `the key ${reason}` });
      findUnstorableText(item, join(path, printable(key)), issues, depth + 1);
    }
  }
  return issues;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A key made safe to echo back in an error message. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what has to be found here.
const unprintable = /[\u0000\ud800-\udfff]/g;
const printable = (key: string) =>
  key.replace(unprintable, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
