import fc from "fast-check";
import { collectionOf, type Operation, type QueryParam } from "./hostile-openapi.js";
import { fits, typesOf, validValue } from "./hostile-schema-values.js";
import type { SeedPool } from "./hostile-seed-pool.js";
import { hostileDates } from "./hostile-value-lists.js";

/**
 * Paths and query strings for the hostile-input tests, raw: already percent-encoded, and sometimes
 * broken on purpose (%FF, %C3%28, %ED%A0%80, a bare %), so they reach the server byte for byte.
 */

export const hostileIds: [string, string][] = [
  ["id 5000 chars", "a".repeat(5000)],
  ["id 121 chars", "a".repeat(121)],
  ["id NUL", "%00"],
  ["id NUL inside", "a%00b"],
  ["id lone surrogate (CESU bytes)", "%ED%A0%80"],
  ["id invalid UTF-8", "%FF"],
  ["id invalid UTF-8", "%C3%28"],
  ["id overlong UTF-8", "%C0%AF"],
  ["id bare percent", "%"],
  ["id truncated percent", "%E0%A4%A"],
  ["id bad percent", "%ZZ"],
  ["id dot-dot", "..%2F..%2Fetc%2Fpasswd"],
  ["id encoded slash", "a%2Fb"],
  ["id spaces", "%20a%20"],
  ["id unicode", "%C3%A9t%C3%A9"],
  ["id emoji", "%F0%9F%91%8D"],
  ["id prototype", "__proto__"],
  ["id constructor", "constructor"],
  ["id dash first", "-x"],
  ["id dot", "."],
  ["id number", "1e308"],
];

const enc = encodeURIComponent;
const b64 = (text: string) => Buffer.from(text).toString("base64url");

const cursorSortValues: unknown[] = [
  {},
  { a: 1 },
  [],
  [1, [2, [3]]],
  true,
  false,
  null,
  1e308,
  -1e308,
  "x".repeat(340),
  "0000-01-01",
  "99999-01-01",
  "2023-02-30",
  "\u0000",
  "\ud800",
  "2023-01-01",
];
const cursorIds: unknown[] = ["a", "\u0000", "\udfff", "z".repeat(300), 123, null, ["a"], { id: "a" }];

export const forgedCursor: fc.Arbitrary<[string, string]> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...cursorSortValues), fc.constantFrom(...cursorIds))
    .chain(([sort, id]) =>
      fc.constantFrom<[string, unknown]>(
        ["cursor [sort,id]", [sort, id]],
        ["cursor [sort]", [sort]],
        ["cursor [sort,id,extra]", [sort, id, 1]],
        ["cursor object", { sort, id }],
        ["cursor scalar", sort],
      ),
    )
    .map(([label, json]): [string, string] => [`${label}`, enc(b64(JSON.stringify(json) ?? "null"))]),
  fc.constantFrom<[string, string]>(
    ["cursor not base64", "!!!!"],
    ["cursor not base64", "%%%"],
    ["cursor not base64", "a%20b"],
    ["cursor padding", "WyJhIiwiYiJd=="],
    ["cursor bytes not UTF-8", Buffer.from([0xff, 0xfe, 0xfd]).toString("base64url")],
    [
      "cursor invalid UTF-8 inside",
      Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x2c, 0x22, 0x61, 0x22, 0x5d]).toString("base64url"),
    ],
    ["cursor too long", "A".repeat(600)],
    ["cursor NUL", "%00"],
    ["cursor empty", ""],
  ),
);

const hostileAnyQuery: [string, string][] = [
  ["query NUL", "%00"],
  ["query NUL inside", "a%00b"],
  ["query lone surrogate (CESU bytes)", "%ED%A0%80"],
  ["query lone surrogate (CESU bytes)", "%ED%BF%BF"],
  ["query invalid UTF-8", "%FF"],
  ["query invalid UTF-8", "%C3%28"],
  ["query overlong UTF-8", "%C0%AF"],
  ["query bare percent", "%"],
  ["query truncated percent", "%E0%A4%A"],
  ["query empty", ""],
  ["query long", "a".repeat(8000)],
  ["query plus and spaces", "+%20+"],
  ["query unicode", "%C3%A9%F0%9F%91%8D"],
];
const hostileDateQuery = hostileDates.map((d): [string, string] => [`query date ${d}`, enc(d)]);
const hostileLimits = [
  "0",
  "-1",
  "501",
  "1.5",
  "abc",
  "1e3",
  "",
  "%205",
  "0x10",
  "Infinity",
  "NaN",
  "99999999999999999999",
  "1e308",
  "5%00",
];

function validQueryValue(
  p: QueryParam,
  pool: SeedPool,
  collection: string,
): fc.Arbitrary<string | undefined> {
  const s = p.schema;
  if (p.name === "cursor") {
    const real = pool.cursors.get(collection) ?? [];
    return real.length ? fc.constantFrom(...real) : fc.constant(undefined);
  }
  if (s.default !== undefined && s.enum) return fc.constant(String(s.default));
  const seen = [...(pool.values.get(p.name) ?? []), ...(pool.values.get(`${p.name}Id`) ?? [])].filter(
    (v) => typeof v === "string" && fits(s, v),
  );
  const generated = validValue(s, p.name, pool).map((v) =>
    v === undefined || v === null ? undefined : String(v),
  );
  return (
    seen.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(seen as string[])) }, generated)
      : generated
  ).map((v) => (v === undefined ? undefined : enc(v)));
}

function hostileQueryValue(p: QueryParam): fc.Arbitrary<[string, string]> {
  const choices: fc.Arbitrary<[string, string]>[] = [fc.constantFrom(...hostileAnyQuery)];
  if (p.name === "cursor") choices.push(forgedCursor, forgedCursor);
  if (p.schema.format === "date") choices.push(fc.constantFrom(...hostileDateQuery));
  if (p.name === "limit" || typesOf(p.schema).some((t) => t === "integer" || t === "number"))
    choices.push(fc.constantFrom(...hostileLimits).map((v): [string, string] => [`query number ${v}`, v]));
  if (p.schema.enum) choices.push(fc.constant<[string, string]>(["query enum-unknown", "UNKNOWN_VALUE"]));
  return fc.oneof(...choices);
}

export interface QueryCase {
  query: string;
  labels: string[];
  /** Which parameter got which hostile value. */
  detail: string;
}

/** A query string: one parameter surely hostile, the others omitted, valid or hostile. */
export function hostileQuery(op: Operation, pool: SeedPool): fc.Arbitrary<QueryCase> {
  const collection = collectionOf(op.template);
  const perParam = op.query.map((p) =>
    fc.oneof(
      { weight: p.required ? 0 : 3, arbitrary: fc.constant<[string, string] | undefined>(undefined) },
      {
        weight: 3,
        arbitrary: validQueryValue(p, pool, collection).map((v) =>
          v === undefined ? undefined : (["", v] as [string, string]),
        ),
      },
      { weight: 1, arbitrary: hostileQueryValue(p) },
    ),
  );
  const extras = fc.constantFrom<[string, string] | undefined>(
    undefined,
    undefined,
    undefined,
    ["query unknown parameter", "zzz=1"],
    ["query repeated parameter", `${op.query[0]?.name ?? "x"}=a&${op.query[0]?.name ?? "x"}=b`],
    ["query bracket parameter", `${op.query[0]?.name ?? "x"}[]=a`],
    ["query junk separators", "&&=&a==b"],
    ["query NUL in name", "a%00b=1"],
    ["query 1000 parameters", Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join("&")],
  );
  return fc
    .tuple(fc.nat(op.query.length - 1), fc.tuple(...perParam), extras)
    .chain(([target, values, extra]) =>
      hostileQueryValue(op.query[target] as QueryParam).map((forced) => {
        const parts: string[] = [];
        const labels: string[] = [];
        const detail: string[] = [];
        op.query.forEach((p, i) => {
          const v = i === target ? forced : values[i];
          if (!v) return;
          if (v[0]) {
            labels.push(v[0]);
            detail.push(`${v[0]} in ${p.name}`);
          }
          parts.push(`${enc(p.name)}=${v[1]}`);
        });
        if (extra) {
          labels.push(extra[0]);
          parts.push(extra[1]);
        }
        return { query: parts.join("&"), labels, detail: detail.join("; ") };
      }),
    );
}

/** A path with its {params} filled: mostly ids of seeded records, sometimes hostile ones. */
export function pathFor(
  op: Operation,
  pool: SeedPool,
  hostileShare = 1,
): fc.Arbitrary<{ path: string; labels: string[] }> {
  const ids = (pool.records.get(collectionOf(op.template)) ?? [])
    .map((r) => r.id)
    .filter((id): id is string => typeof id === "string");
  const valid = ids.length
    ? fc.constantFrom(...ids).map((id): [string, string] => ["", enc(id)])
    : fc.constant<[string, string]>(["", "unknown-id"]);
  const one = fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: hostileShare, arbitrary: fc.constantFrom(...hostileIds) },
  );
  return fc.tuple(...op.pathParams.map(() => one)).map((filled) => {
    let path = op.template;
    const labels: string[] = [];
    op.pathParams.forEach((name, i) => {
      const [label, raw] = filled[i] as [string, string];
      path = path.replace(`{${name}}`, raw);
      if (label) labels.push(label);
    });
    return { path, labels };
  });
}
