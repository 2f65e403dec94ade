/**
 * JSON text for the hostile-input tests (src/api/hostile*.test.ts): bodies may hold RawJson pieces
 * that JSON.stringify cannot write (numbers JavaScript cannot hold, deep nesting, bare tokens), and
 * keys such as "__proto__" that must stay own keys when a body is copied.
 */

/** A piece of JSON text placed verbatim: numbers JavaScript cannot hold, deep nesting, bare tokens. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson pieces; lone surrogates become \ud800 escapes. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : toJsonText(v))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${toJsonText((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Sets an own key, even "__proto__", so that it reaches the JSON text as a key. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy that keeps RawJson pieces and own keys such as "__proto__". */
export function clone(value: unknown): unknown {
  if (value instanceof RawJson || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, clone((value as Record<string, unknown>)[key]));
  return out;
}
