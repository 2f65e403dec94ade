import fc from "fast-check";
import { clone, RawJson, setOwn, toJsonText } from "./hostile-json-text.js";
import type { JsonSchema, Operation } from "./hostile-openapi.js";
import { baseBody, fits, typesOf } from "./hostile-schema-values.js";
import type { SeedPool } from "./hostile-seed-pool.js";
import {
  hostileDates,
  hostileDateTimes,
  hostileInserts,
  hostileKeys,
  hostileNumbers,
  hostileUrls,
  hostileWholeStrings,
  wrongTypes,
} from "./hostile-value-lists.js";

/**
 * Mutations for the hostile-input tests (src/api/hostile*.test.ts): a valid-looking body from
 * hostile-schema-values.ts, then zero to three places in it replaced by hostile values.
 */

const deep = (n: number, open: string, close: string, inner = "1") =>
  new RawJson(open.repeat(n) + inner + close.repeat(n));

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
