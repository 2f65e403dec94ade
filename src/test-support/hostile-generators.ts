import fc from "fast-check";

/**
 * Generators for the hostile-input tests (src/api/hostile*.test.ts): routes read from the OpenAPI
 * document, valid-looking values derived from its JSON schemas and the seeded records, then mutated.
 * Nothing here knows a kind of record by name, so new routes and kinds are covered without edits.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface QueryParam {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The OpenAPI path template, e.g. /api/places/{id}. */
  template: string;
  pathParams: string[];
  query: QueryParam[];
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

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

function clone(value: unknown): unknown {
  if (value instanceof RawJson || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, clone((value as Record<string, unknown>)[key]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

export function resolveSchema(schema: JsonSchema | undefined, spec: OpenApiDocument): JsonSchema {
  let current = schema ?? {};
  for (let i = 0; current.$ref && i < 20; i++)
    current = spec.components?.schemas?.[current.$ref.replace("#/components/schemas/", "")] ?? {};
  return current;
}

/** Inlines every $ref, so the generators need no document beside the schema. */
function inline(schema: unknown, spec: OpenApiDocument, depth = 0): JsonSchema {
  if (depth > 30 || schema === null || typeof schema !== "object") return {};
  const resolved = resolveSchema(schema as JsonSchema, spec) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resolved)) {
    if (key === "properties" && value && typeof value === "object")
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, inline(sub, spec, depth + 1)]),
      );
    else if ((key === "items" || key === "additionalProperties") && value && typeof value === "object")
      out[key] = inline(value, spec, depth + 1);
    else if ((key === "anyOf" || key === "oneOf" || key === "allOf") && Array.isArray(value))
      out[key] = value.map((sub) => inline(sub, spec, depth + 1));
    else out[key] = value;
  }
  return out as JsonSchema;
}

/** Every operation of the document, with its query parameters and JSON request-body schema. */
export function operationsOf(spec: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "patch", "put", "delete"].includes(method)) continue;
      const parameters = (op.parameters ?? []) as {
        name: string;
        in: string;
        required?: boolean;
        schema?: JsonSchema;
      }[];
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      const bodySchema = content?.["application/json"]?.schema;
      operations.push({
        method: method.toUpperCase() as Operation["method"],
        template,
        pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, required: p.required === true, schema: inline(p.schema, spec) })),
        body: bodySchema ? inline(bodySchema, spec) : undefined,
      });
    }
  }
  return operations;
}

/** The collection a path belongs to: /api/places/{id}/x → /api/places. */
export const collectionOf = (template: string) => template.split("/{")[0] as string;

// ---------------------------------------------------------------------------------------------
// What the seeded data holds: records per collection, values per field name, real cursors

export interface SeedPool {
  records: Map<string, Record<string, unknown>[]>;
  values: Map<string, unknown[]>;
  cursors: Map<string, string[]>;
}

export function buildPool(
  lists: { collection: string; items: Record<string, unknown>[]; nextCursor?: string | null }[],
): SeedPool {
  const values = new Map<string, Set<unknown>>();
  const add = (key: string, value: unknown) => {
    if (value === null || typeof value === "object") return;
    const set = values.get(key) ?? new Set();
    if (set.size < 200) set.add(value);
    values.set(key, set);
  };
  const walk = (key: string, value: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(value)) for (const v of value) walk(key, v, depth + 1);
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(k, v, depth + 1);
    else add(key, value);
  };
  const pool: SeedPool = { records: new Map(), values: new Map(), cursors: new Map() };
  for (const { collection, items, nextCursor } of lists) {
    pool.records.set(collection, items);
    if (nextCursor) pool.cursors.set(collection, [nextCursor]);
    for (const item of items) walk("", item, 0);
  }
  for (const [key, set] of values) pool.values.set(key, [...set]);
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Valid-looking values from a schema

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

// ---------------------------------------------------------------------------------------------
// Hostile values

const deep = (n: number, open: string, close: string, inner = "1") =>
  new RawJson(open.repeat(n) + inner + close.repeat(n));

export const hostileInserts = [
  ["nul-in-string", "\u0000"],
  ["lone-surrogate", "\ud800"],
  ["lone-surrogate", "\udfff"],
  ["reversed-surrogates", "\udc00\ud800"],
  ["control-chars", "\u0001\u0008\u001b\u007f"],
  ["noncharacters", "\ufffe\uffff\ufdd0"],
  ["bidi-bom-zwsp", "\u202e\ufeff\u200b"],
] as const;

const hostileWholeStrings: [string, string][] = [
  ["empty-string", ""],
  ["blank-string", "   \t\n"],
  ["long-string 100k", "x".repeat(100_000)],
  ["long-string 1M", "é".repeat(1_000_000)],
  ["markup", "<script>alert(1)</script><img src=x onerror=alert(1)>"],
  ["sql-ish", "'; DROP TABLE record_events; --"],
  ["format-specifiers", "%s%n%x%d$" + "{7*7}{{7*7}}"],
  ["path-traversal", "../../../../etc/passwd"],
  ["emoji-zwj", "🏳️‍🌈👩🏽‍⚕️"],
];

export const hostileDates = [
  "0000-01-01",
  "99999-01-01",
  "2023-02-30",
  "2023-02-29",
  "-000001-01-01",
  "+002023-01-01",
  "2023-1-1",
  "2023-13-01",
  "2023-01-01T00:00:00Z",
  "20230101",
  "0001-01-01",
  "9999-12-31",
];

const hostileDateTimes = [
  "0000-01-01T00:00:00Z",
  "2023-02-30T00:00:00Z",
  "2023-01-01T25:00:00Z",
  "+275760-09-13T00:00:00Z",
  "99999-01-01T00:00:00Z",
];

const hostileUrls = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.cookie)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "file:///etc/passwd",
  "vbscript:msgbox(1)",
  "http://",
  "http://[::1",
  "//example.org/x",
  `http://${"a".repeat(5000)}.org`,
  "https://example.org/\u0000",
];

const hostileNumbers = [
  "1e308",
  "-1e308",
  "1e400",
  "-1e400",
  "-0",
  "9007199254740993",
  "123456789012345678901234567890",
  "1.5",
  "-1",
  "1e-400",
  "NaN",
  "Infinity",
  "0x10",
  "01",
];

export const hostileKeys = [
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "",
  "\u0000",
  "\ud800",
  "a".repeat(1000),
  "$where",
];

const wrongTypes: unknown[] = [0, -1, true, false, null, "text", [], {}, [null], { a: [] }];

export interface Mutation {
  label: string;
  /** Where in the body, for the failure message. */
  at: string;
  apply(value: unknown): unknown;
}

type Path = (string | number)[];

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown | typeof REMOVE): unknown {
  if (path.length === 0) return replace(root);
  const copy = clone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const next = replace(parent[last]);
  if (next === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (Array.isArray(parent)) parent[last as number] = next;
  else setOwn(parent as Record<string, unknown>, String(last), next);
  return copy;
}
const REMOVE = Symbol("remove");

interface Slot {
  path: Path;
  schema: JsonSchema;
  value: unknown;
}

/** Every place in a body, with the schema that describes it (empty where the schema has none). */
function slotsOf(value: unknown, schema: JsonSchema, path: Path = [], out: Slot[] = []): Slot[] {
  const effective = (schema.anyOf ?? schema.oneOf)?.find((s) => fits(s, value)) ?? schema;
  out.push({ path, schema: effective, value });
  if (value instanceof RawJson || value === null || typeof value !== "object") return out;
  if (Array.isArray(value))
    value.slice(0, 3).forEach((v, i) => {
      slotsOf(v, effective.items ?? {}, [...path, i], out);
    });
  else
    for (const key of Object.keys(value)) {
      const sub =
        effective.properties?.[key] ??
        (typeof effective.additionalProperties === "object" ? effective.additionalProperties : {});
      slotsOf((value as Record<string, unknown>)[key], sub, [...path, key], out);
    }
  return out;
}

/** Dates, URLs and other typed strings are where servers break: they are picked more often. */
function weighted(slots: Slot[]): Slot[] {
  return slots.flatMap((slot) => {
    const { schema: s, value } = slot;
    const weight =
      s.format || typeof value === "number"
        ? 6
        : typeof value === "string" || s.enum || typesOf(s).some((t) => t !== "object" && t !== "array")
          ? 2
          : 1;
    return Array.from({ length: weight }, () => slot);
  });
}

function mutationsAt(slot: Slot, pool: SeedPool): fc.Arbitrary<Mutation> {
  const at = slot.path.join(".") || "(body)";
  const set = (label: string, make: (old: unknown) => unknown): Mutation => ({
    label,
    at,
    apply: (root) => setAt(root, slot.path, make),
  });
  const { schema: s, value } = slot;
  // Generic mutations weigh 1; the ones aimed at the slot's type weigh 3.
  const choices: fc.WeightedArbitrary<Mutation>[] = [
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...wrongTypes)
        .map((v) =>
          set(`wrong-type ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`, () => v),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(64, 10_000, 100_000), fc.boolean())
        .map(([n, arrays]) =>
          arrays
            ? set(`deep-nesting arrays ${n}`, () => deep(n, "[", "]", ""))
            : set(`deep-nesting objects ${n}`, () => deep(n, '{"a":', "}")),
        ),
    },
  ];
  const aimed = (...arbitraries: fc.Arbitrary<Mutation>[]) => {
    for (const arbitrary of arbitraries) choices.push({ weight: 3, arbitrary });
  };
  const isString = typeof value === "string" || typesOf(s).includes("string");
  if (isString) {
    const text = typeof value === "string" ? value : "text";
    aimed(
      fc
        .tuple(fc.constantFrom(...hostileInserts), fc.nat(text.length))
        .map(([[label, insert], i]) => set(label, () => text.slice(0, i) + insert + text.slice(i))),
      fc.constantFrom(...hostileWholeStrings).map(([label, v]) => set(label, () => v)),
    );
    if (s.maxLength !== undefined)
      choices.push({
        weight: 1,
        arbitrary: fc.constant(set("over-maxLength", () => "x".repeat((s.maxLength ?? 0) + 1))),
      });
  }
  if (s.format === "date") aimed(fc.constantFrom(...hostileDates).map((d) => set(`date ${d}`, () => d)));
  if (s.format === "date-time")
    aimed(fc.constantFrom(...hostileDateTimes).map((d) => set(`date-time ${d}`, () => d)));
  if (s.format === "uri" || s.format === "url")
    aimed(fc.constantFrom(...hostileUrls).map((u) => set(`url ${u.slice(0, 12).trim()}`, () => u)));
  if (s.enum?.length) {
    const first = String(s.enum[0]);
    aimed(
      fc
        .constantFrom(
          "UNKNOWN_VALUE",
          "",
          first.toUpperCase(),
          `${first} `,
          `${first}\u0000`,
          `${first}\ud800`,
        )
        .map((v) => set("enum-unknown", () => v)),
    );
  }
  const types = typesOf(s);
  if (types.includes("number") || types.includes("integer") || typeof value === "number" || s.anyOf)
    aimed(fc.constantFrom(...hostileNumbers).map((n) => set(`number ${n}`, () => new RawJson(n))));
  if (Array.isArray(value) || types.includes("array")) {
    const first = Array.isArray(value) && value.length ? value[0] : "x";
    // Small items only: a huge array of a huge string would be gigabytes.
    const item = toJsonText(first).length <= 200 ? first : "x";
    aimed(
      fc.constantFrom(
        set("empty-array", () => []),
        set("huge-array", () => Array.from({ length: 5_000 }, () => item)),
        set("nested-array", () => [[[[item]]]]),
        set("null-items", () => [null, null]),
      ),
    );
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof RawJson)) {
    const present = (s.required ?? []).filter((k) => k in value);
    if (present.length)
      aimed(
        fc.constantFrom(...present).map(
          (key): Mutation => ({
            label: "missing-required",
            at: `${at}.${key}`,
            apply: (root) => setAt(root, [...slot.path, key], () => REMOVE),
          }),
        ),
      );
    aimed(
      fc
        .tuple(
          fc.constantFrom(...hostileKeys, "unknownField"),
          fc.oneof(
            fc.jsonValue({ maxDepth: 2 }),
            fc.constant({ isAdmin: true, polluted: "yes" }),
            fc.constant({ prototype: { isAdmin: true, polluted: "yes" } }),
          ),
        )
        .map(([key, v]) =>
          set(`extra-key ${JSON.stringify(key).slice(0, 14)}`, (old) => addKey(old, key, v)),
        ),
      fc.constant(set("empty-object", () => ({}))),
    );
  }
  if (slot.path.length === 0)
    aimed(
      fc
        .constantFrom("null", "[]", '"text"', "0", "true", "[{}]")
        .map((token) => set(`body ${token}`, () => new RawJson(token))),
    );
  // A value from the seeded data of a different field: well-typed, semantically wrong.
  const anyIds = pool.values.get("id") ?? [];
  if (isString && anyIds.length)
    choices.push({ weight: 1, arbitrary: fc.constantFrom(...anyIds).map((v) => set("foreign-id", () => v)) });
  return fc.oneof(...choices);
}

function addKey(old: unknown, key: string, value: unknown) {
  const copy = clone(old) as Record<string, unknown>;
  setOwn(copy, key, value);
  return copy;
}

/** A body for a write operation: valid-looking, then zero to three mutations. */
export function hostileBody(
  op: Operation,
  pool: SeedPool,
): fc.Arbitrary<{ body: unknown; mutations: Mutation[] }> {
  const mutateN = (
    body: unknown,
    n: number,
    done: Mutation[],
  ): fc.Arbitrary<{ body: unknown; mutations: Mutation[] }> =>
    n === 0
      ? fc.constant({ body, mutations: done })
      : fc
          .constantFrom(...weighted(slotsOf(body, op.body ?? {})))
          .chain((slot) => mutationsAt(slot, pool))
          .chain((m) => mutateN(m.apply(body), n - 1, [...done, m]));
  return fc
    .tuple(
      baseBody(op, pool),
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 6, arbitrary: fc.constant(1) },
        { weight: 3, arbitrary: fc.integer({ min: 2, max: 3 }) },
      ),
    )
    .chain(([body, n]) => mutateN(body, n, []));
}
