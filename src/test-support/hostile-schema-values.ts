import fc from "fast-check";
import { collectionOf, type JsonSchema, type Operation } from "./hostile-openapi.js";
import type { SeedPool } from "./hostile-seed-pool.js";

/**
 * Valid-looking values for the hostile-input tests (src/api/hostile*.test.ts), derived from the JSON
 * schemas of the OpenAPI document and the seeded records; hostile-mutations.ts then breaks them.
 */

export const typesOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

const typeMatches = (type: string, v: unknown) =>
  type === "null"
    ? v === null
    : type === "array"
      ? Array.isArray(v)
      : type === "object"
        ? v !== null && typeof v === "object" && !Array.isArray(v)
        : type === "integer"
          ? Number.isInteger(v)
          : typeof v === type;

const regexCache = new Map<string, RegExp | null>();
function regexOf(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    try {
      regexCache.set(pattern, new RegExp(pattern));
    } catch {
      regexCache.set(pattern, null);
    }
  }
  return regexCache.get(pattern) ?? null;
}

/** Whether a seeded value satisfies the schema well enough to be a starting point. */
export function fits(s: JsonSchema, v: unknown): boolean {
  if (s.anyOf) return s.anyOf.some((x) => fits(x, v));
  if (s.oneOf) return s.oneOf.some((x) => fits(x, v));
  if (s.enum) return s.enum.includes(v);
  if (s.const !== undefined) return s.const === v;
  const types = typesOf(s);
  if (types.length > 0 && !types.some((t) => typeMatches(t, v))) return false;
  if (typeof v === "string") {
    if (s.minLength !== undefined && v.length < s.minLength) return false;
    if (s.maxLength !== undefined && v.length > s.maxLength) return false;
    if (s.pattern && !regexOf(s.pattern)?.test(v)) return false;
  }
  if (typeof v === "number") {
    if (s.minimum !== undefined && v < s.minimum) return false;
    if (s.maximum !== undefined && v > s.maximum) return false;
  }
  return true;
}

const validDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

function generatedString(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === "date") return validDate.map((d) => d.slice(0, 10));
  if (s.format === "date-time") return validDate;
  if (s.format === "uri" || s.format === "url")
    return fc.constantFrom("https://example.org/report", "http://example.com/a?b=c#d");
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 30, 30));
  const regex = s.pattern ? regexOf(s.pattern) : null;
  if (regex) {
    try {
      return fc
        .stringMatching(regex, { maxLength: max, size: "xsmall" })
        .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
    } catch {
      // a pattern fast-check cannot read: plain strings below
    }
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: "grapheme" }),
  );
}

/** A value that the schema accepts, preferring values seen in the seeded data under the same key. */
export function validValue(s: JsonSchema, key: string, pool: SeedPool, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (s.allOf?.[0]) return validValue(s.allOf[0], key, pool, depth + 1);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validValue(a, key, pool, depth + 1)));
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const type = typesOf(s).find((t) => t !== "null") ?? (s.properties ? "object" : undefined);
  const seen = (pool.values.get(key) ?? []).filter((v) => type !== "array" && fits(s, v));
  let generated: fc.Arbitrary<unknown>;
  switch (type) {
    case "string":
      generated = generatedString(s);
      break;
    case "integer":
      generated = fc.integer({
        min: Math.max(s.minimum ?? -1000, -1e9),
        max: Math.min(s.maximum ?? 1000, 1e9),
      });
      break;
    case "number":
      generated = fc.double({
        min: Math.max(s.minimum ?? -1e6, -1e6),
        max: Math.min(s.maximum ?? 1e6, 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
      break;
    case "boolean":
      generated = fc.boolean();
      break;
    case "array": {
      const min = s.minItems ?? 0;
      generated = fc.array(validValue(s.items ?? {}, key, pool, depth + 1), {
        minLength: min,
        maxLength: Math.max(min, Math.min(s.maxItems ?? 3, 3)),
      });
      break;
    }
    case "object": {
      const properties = s.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, sub]) => [name, validValue(sub, name, pool, depth + 1)]),
      );
      const record = fc.record(model, { requiredKeys: s.required ?? [], noNullPrototype: true });
      generated =
        typeof s.additionalProperties === "object"
          ? fc
              .tuple(
                record,
                fc.dictionary(
                  fc.string({ minLength: 1, maxLength: 8 }),
                  validValue(s.additionalProperties, key, pool, depth + 1),
                  { maxKeys: 2, noNullPrototype: true },
                ),
              )
              .map(([r, extra]) => ({ ...extra, ...r }))
          : record;
      break;
    }
    case "null":
      generated = fc.constant(null);
      break;
    default:
      generated = fc.jsonValue({ maxDepth: 2 });
  }
  return seen.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...seen) }, generated)
    : generated;
}

/** Starting bodies: a seeded record cut to the schema's fields (no id), or one built from the schema. */
export function baseBody(op: Operation, pool: SeedPool): fc.Arbitrary<unknown> {
  const schema = op.body ?? {};
  const generated = validValue(schema, "", pool);
  const properties = Object.keys(schema.properties ?? {}).filter((key) => key !== "id");
  const records = pool.records.get(collectionOf(op.template)) ?? [];
  if (records.length === 0 || properties.length === 0) return generated;
  const cut = (record: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(keys.filter((k) => k in record && record[k] !== null).map((k) => [k, record[k]]));
  const fromSeed = op.pathParams.length
    ? fc
        .tuple(fc.constantFrom(...records), fc.subarray(properties, { minLength: 1 }))
        .map(([record, keys]) => cut(record, keys))
    : fc.constantFrom(...records).map((record) => cut(record, properties));
  return fc.oneof({ weight: 2, arbitrary: fromSeed }, generated);
}
