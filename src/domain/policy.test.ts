import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  administrator,
  admits,
  anyActor,
  anyKind,
  anyRecord,
  claimOf,
  entityGroups,
  type Group,
  groups,
  mediator,
  monitor,
  ownWork,
  P,
  partyName,
  Q,
  replyOf,
  representative,
  staffWorkAbout,
  unboundRepresentative,
  unownedWork,
} from "../test-support/policy-fixtures.js";
import { type Actor, anonymous } from "./actor.js";
import { type ReviewState, reviewStates } from "./common.js";
import { entityNames } from "./entities.js";
import {
  allowedActions,
  can,
  concernedParties,
  kindTarget,
  type PolicyKind,
  type PolicyRecord,
  readableFilter,
  recordActions,
  recordTarget,
} from "./policy.js";

/**
 * The matrix test of issue #9 (item 8): the expected permissions are written out below, by hand, and
 * the policy must give exactly those, for every role, record action, kind of record and review state,
 * with a representative's own party apart from another party. Kinds with the same rows are grouped
 * (test-support/policy-fixtures.ts, `groups`); every kind of each group is checked.
 *
 * Letters:  r read  u update  d delete  s submit_for_review  b return_to_draft  p publish  x dispute
 *           t retract  y reply.   Columns: draft, under_review, published, disputed, retracted.
 *
 * Situations: who acts on whose record. "own": created by the actor; "another's": created and
 * submitted by another account; "unowned": seeded or imported; "P's claim": submitted by a
 * representative of P (Armenia); "staff work about P": the mission's record concerning P.
 */
const situations = {
  "anonymous/staff work": { actor: anonymous, record: staffWorkAbout(P) },
  "anonymous/P's claim": { actor: anonymous, record: claimOf(P) },
  "anonymous/P's reply": { actor: anonymous, record: replyOf(P) },
  "monitor/own": { actor: monitor, record: ownWork(monitor) },
  "monitor/another's": { actor: monitor, record: staffWorkAbout(P) },
  "monitor/unowned": { actor: monitor, record: unownedWork },
  "monitor/P's claim": { actor: monitor, record: claimOf(P) },
  "monitor/P's reply": { actor: monitor, record: replyOf(P) },
  "mediator/own": { actor: mediator, record: ownWork(mediator) },
  "mediator/another's": { actor: mediator, record: staffWorkAbout(P) },
  "mediator/unowned": { actor: mediator, record: unownedWork },
  "mediator/P's claim": { actor: mediator, record: claimOf(P) },
  "mediator/P's reply": { actor: mediator, record: replyOf(P) },
  "administrator/own": { actor: administrator, record: ownWork(administrator) },
  "administrator/another's": { actor: administrator, record: staffWorkAbout(P) },
  "administrator/unowned": { actor: administrator, record: unownedWork },
  "administrator/P's claim": { actor: administrator, record: claimOf(P) },
  "administrator/P's reply": { actor: administrator, record: replyOf(P) },
  "representative of P/P's claim": { actor: representative, record: claimOf(P) },
  "representative of P/Q's claim": { actor: representative, record: claimOf(Q) },
  "representative of P/staff work about P": { actor: representative, record: staffWorkAbout(P) },
  "representative of P/staff work about Q": { actor: representative, record: staffWorkAbout(Q) },
  "representative of P/P's reply": { actor: representative, record: replyOf(P) },
  "representative of P/Q's reply": { actor: representative, record: replyOf(Q) },
  "representative of no party/staff work": { actor: unboundRepresentative, record: staffWorkAbout(P) },
} satisfies Record<string, { actor: Actor; record: (kind: PolicyKind) => Record<string, unknown> }>;
type Situation = keyof typeof situations;

// biome-ignore format: the table reads as a table
const expectedRows: [Situation, Group, string, string, string, string, string][] = [
//  situation                                 group              draft   review pub.    disp.   retr.
  ["anonymous/staff work",                   "frame",           "",     "",    "r",    "r",    ""],
  ["anonymous/staff work",                   "fieldPlain",      "",     "",    "r",    "r",    ""],
  ["anonymous/staff work",                   "fieldClaimable",  "",     "",    "r",    "r",    ""],
  ["anonymous/staff work",                   "incidents",       "",     "",    "r",    "r",    ""],
  ["anonymous/staff work",                   "assessments",     "",     "",    "r",    "r",    ""],
  ["anonymous/staff work",                   "negotiation",     "",     "",    "r",    "r",    ""],
  ["anonymous/staff work",                   "interpretations", "",     "",    "r",    "r",    ""],
  ["anonymous/P's claim",                    "fieldClaimable",  "",     "",    "r",    "r",    ""],
  ["anonymous/P's claim",                    "incidents",       "",     "",    "r",    "r",    ""],
  ["anonymous/P's claim",                    "interpretations", "",     "",    "r",    "r",    ""],
  ["anonymous/P's reply",                    "replies",         "",     "",    "r",    "r",    ""],

  ["monitor/own",                            "frame",           "r",    "r",   "r",    "r",    "r"],
  ["monitor/own",                            "fieldPlain",      "ruds", "rb",  "r",    "r",    "r"],
  ["monitor/own",                            "fieldClaimable",  "ruds", "rb",  "r",    "r",    "r"],
  ["monitor/own",                            "incidents",       "ruds", "rb",  "r",    "r",    "r"],
  ["monitor/own",                            "assessments",     "ruds", "rb",  "r",    "r",    "r"],
  ["monitor/own",                            "negotiation",     "r",    "r",   "r",    "r",    "r"],
  ["monitor/own",                            "interpretations", "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "frame",           "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "fieldPlain",      "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "fieldClaimable",  "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "incidents",       "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "assessments",     "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "negotiation",     "r",    "r",   "r",    "r",    "r"],
  ["monitor/another's",                      "interpretations", "r",    "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "frame",           "r",    "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "fieldPlain",      "ruds", "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "fieldClaimable",  "ruds", "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "incidents",       "ruds", "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "assessments",     "ruds", "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "negotiation",     "r",    "r",   "r",    "r",    "r"],
  ["monitor/unowned",                        "interpretations", "r",    "r",   "r",    "r",    "r"],
  ["monitor/P's claim",                      "fieldClaimable",  "r",    "r",   "r",    "r",    "r"],
  ["monitor/P's claim",                      "incidents",       "r",    "r",   "r",    "r",    "r"],
  ["monitor/P's claim",                      "interpretations", "r",    "r",   "r",    "r",    "r"],
  ["monitor/P's reply",                      "replies",         "r",    "r",   "r",    "r",    "r"],

  ["mediator/own",                           "frame",           "r",    "rb",  "rxt",  "rt",   "r"],
  ["mediator/own",                           "fieldPlain",      "ruds", "rb",  "rxt",  "rt",   "r"],
  ["mediator/own",                           "fieldClaimable",  "ruds", "rb",  "rxt",  "rt",   "r"],
  ["mediator/own",                           "incidents",       "ruds", "rb",  "rxt",  "rt",   "r"],
  ["mediator/own",                           "assessments",     "ruds", "rb",  "rxt",  "rt",   "r"],
  ["mediator/own",                           "negotiation",     "ruds", "rb",  "ruxt", "rut",  "r"],
  ["mediator/own",                           "interpretations", "ruds", "rb",  "ruxt", "rut",  "r"],
  ["mediator/another's",                     "frame",           "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/another's",                     "fieldPlain",      "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/another's",                     "fieldClaimable",  "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/another's",                     "incidents",       "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/another's",                     "assessments",     "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/another's",                     "negotiation",     "ruds", "rpb", "ruxt", "rupt", "r"],
  ["mediator/another's",                     "interpretations", "ruds", "rpb", "ruxt", "rupt", "r"],
  ["mediator/unowned",                       "frame",           "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/unowned",                       "fieldPlain",      "ruds", "rpb", "rxt",  "rpt",  "r"],
  ["mediator/unowned",                       "fieldClaimable",  "ruds", "rpb", "rxt",  "rpt",  "r"],
  ["mediator/unowned",                       "incidents",       "ruds", "rpb", "rxt",  "rpt",  "r"],
  ["mediator/unowned",                       "assessments",     "ruds", "rpb", "rxt",  "rpt",  "r"],
  ["mediator/unowned",                       "negotiation",     "ruds", "rpb", "ruxt", "rupt", "r"],
  ["mediator/unowned",                       "interpretations", "ruds", "rpb", "ruxt", "rupt", "r"],
  ["mediator/P's claim",                     "fieldClaimable",  "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/P's claim",                     "incidents",       "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/P's claim",                     "interpretations", "r",    "rpb", "rxt",  "rpt",  "r"],
  ["mediator/P's reply",                     "replies",         "r",    "r",   "r",    "r",    "r"],

  ["administrator/own",                      "frame",           "ruds", "rb",  "ruxt", "rut",  "r"],
  ["administrator/own",                      "fieldPlain",      "ruds", "rb",  "ruxt", "rut",  "r"],
  ["administrator/own",                      "fieldClaimable",  "ruds", "rb",  "ruxt", "rut",  "r"],
  ["administrator/own",                      "incidents",       "ruds", "rb",  "ruxt", "rut",  "r"],
  ["administrator/own",                      "assessments",     "ruds", "rb",  "rxt",  "rt",   "r"],
  ["administrator/own",                      "negotiation",     "ruds", "rb",  "ruxt", "rut",  "r"],
  ["administrator/own",                      "interpretations", "ruds", "rb",  "ruxt", "rut",  "r"],
  ["administrator/another's",                "frame",           "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/another's",                "fieldPlain",      "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/another's",                "fieldClaimable",  "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/another's",                "incidents",       "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/another's",                "assessments",     "ruds", "rpb", "rxt",  "rpt",  "r"],
  ["administrator/another's",                "negotiation",     "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/another's",                "interpretations", "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/unowned",                  "frame",           "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/unowned",                  "fieldPlain",      "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/unowned",                  "fieldClaimable",  "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/unowned",                  "incidents",       "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/unowned",                  "assessments",     "ruds", "rpb", "rxt",  "rpt",  "r"],
  ["administrator/unowned",                  "negotiation",     "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/unowned",                  "interpretations", "ruds", "rpb", "ruxt", "rupt", "r"],
  ["administrator/P's claim",                "fieldClaimable",  "r",    "rpb", "rxt",  "rpt",  "r"],
  ["administrator/P's claim",                "incidents",       "r",    "rpb", "rxt",  "rpt",  "r"],
  ["administrator/P's claim",                "interpretations", "r",    "rpb", "rxt",  "rpt",  "r"],
  ["administrator/P's reply",                "replies",         "r",    "r",   "r",    "r",    "r"],

  ["representative of P/P's claim",          "fieldClaimable",  "ruds", "rb",  "r",    "r",    "r"],
  ["representative of P/P's claim",          "incidents",       "ruds", "rb",  "ry",   "ry",   "r"],
  ["representative of P/P's claim",          "interpretations", "ruds", "rb",  "ry",   "ry",   "r"],
  ["representative of P/Q's claim",          "fieldClaimable",  "",     "",    "r",    "r",    ""],
  ["representative of P/Q's claim",          "incidents",       "",     "",    "r",    "r",    ""],
  ["representative of P/Q's claim",          "interpretations", "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about P", "frame",           "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about P", "fieldPlain",      "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about P", "fieldClaimable",  "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about P", "incidents",       "",     "",    "ry",   "ry",   ""],
  ["representative of P/staff work about P", "assessments",     "",     "",    "ry",   "ry",   ""],
  ["representative of P/staff work about P", "negotiation",     "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about P", "interpretations", "",     "",    "ry",   "ry",   ""],
  ["representative of P/staff work about Q", "frame",           "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about Q", "fieldPlain",      "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about Q", "fieldClaimable",  "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about Q", "incidents",       "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about Q", "assessments",     "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about Q", "negotiation",     "",     "",    "r",    "r",    ""],
  ["representative of P/staff work about Q", "interpretations", "",     "",    "r",    "r",    ""],
  ["representative of P/P's reply",          "replies",         "rudp", "r",   "rut",  "r",    "r"],
  ["representative of P/Q's reply",          "replies",         "",     "",    "r",    "r",    ""],

  ["representative of no party/staff work",  "frame",           "",     "",    "r",    "r",    ""],
  ["representative of no party/staff work",  "fieldPlain",      "",     "",    "r",    "r",    ""],
  ["representative of no party/staff work",  "fieldClaimable",  "",     "",    "r",    "r",    ""],
  ["representative of no party/staff work",  "incidents",       "",     "",    "r",    "r",    ""],
  ["representative of no party/staff work",  "assessments",     "",     "",    "r",    "r",    ""],
  ["representative of no party/staff work",  "negotiation",     "",     "",    "r",    "r",    ""],
  ["representative of no party/staff work",  "interpretations", "",     "",    "r",    "r",    ""],
];

const letters: Record<string, (typeof recordActions)[number]> = {
  r: "read",
  u: "update",
  d: "delete",
  s: "submit_for_review",
  b: "return_to_draft",
  p: "publish",
  x: "dispute",
  t: "retract",
  y: "reply",
};
const decode = (code: string) => [...code].map((c) => letters[c]).sort();

describe("the permission matrix", () => {
  it("groups every kind of record exactly once, and lists each situation and group once", () => {
    expect(Object.values(groups).flat().sort()).toEqual([...entityNames, "replies"].sort());
    const pairs = expectedRows.map(([situation, group]) => `${situation} ${group}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(expectedRows.map(([situation]) => situation))).toEqual(new Set(Object.keys(situations)));
    for (const staff of ["monitor", "mediator", "administrator"])
      for (const whose of ["own", "another's", "unowned"])
        for (const group of entityGroups) expect(pairs).toContain(`${staff}/${whose} ${group}`);
  });

  for (const situation of Object.keys(situations)) {
    it(situation, () => {
      const { actor, record: recordOf } = situations[situation as Situation];
      const mismatches: string[] = [];
      for (const [, group, ...row] of expectedRows.filter(([s]) => s === situation)) {
        for (const kind of groups[group]) {
          reviewStates.forEach((state, column) => {
            const record: PolicyRecord = { ...recordOf(kind), reviewState: state };
            const target = recordTarget(kind, record);
            const got = [...allowedActions(actor, target)].sort();
            const want = decode(row[column] ?? "");
            if (JSON.stringify(got) !== JSON.stringify(want))
              mismatches.push(`${kind} ${state}: expected [${want}] got [${got}]`);
            for (const action of recordActions) {
              const decision = can(actor, action, target, { partyName });
              if (decision.allowed !== want.includes(action))
                mismatches.push(`${kind} ${state} ${action}: can() disagrees with allowedActions()`);
              if (
                !decision.allowed &&
                (decision.reason.length < 15 || /undefined|null/.test(decision.reason))
              )
                mismatches.push(`${kind} ${state} ${action}: reason "${decision.reason}"`);
            }
          });
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  // What each role may do with a kind as a whole. c create, k submit_claim, i import.
  const field: Group[] = ["fieldPlain", "fieldClaimable", "incidents", "assessments"];
  const negotiation: Group[] = ["negotiation", "interpretations"];
  const claims: Group[] = ["fieldClaimable", "incidents", "interpretations"];
  const each = (gs: Group[], code: string) => Object.fromEntries(gs.map((g) => [g, code]));
  const kindMatrix: [string, Actor, Partial<Record<Group, string>>][] = [
    ["anonymous", anonymous, {}],
    ["monitor", monitor, each(field, "c")],
    ["mediator", mediator, { ...each(field, "c"), ...each(negotiation, "c") }],
    ["administrator", administrator, each(entityGroups, "ci")],
    ["representative of P", representative, each(claims, "k")],
    ["representative of no party", unboundRepresentative, {}],
  ];
  for (const [name, actor, expected] of kindMatrix) {
    it(`${name}: create, submit_claim, import`, () => {
      const codes: Record<string, string> = { c: "create", k: "submit_claim", i: "import" };
      for (const [group, kinds] of Object.entries(groups) as [Group, readonly PolicyKind[]][]) {
        for (const kind of kinds) {
          const want = [...(expected[group] ?? "")].map((c) => codes[c]).sort();
          expect([...allowedActions(actor, kindTarget(kind))].sort(), `${name} ${kind}`).toEqual(want);
        }
      }
    });
  }

  it("accounts, licences and tokens", () => {
    const viaToken = (actor: Actor) => ({ ...actor, via: "token" }) as Actor;
    //           manage_accounts, manage_licences, manage_tokens (own), manage_tokens (another's)
    const table: [string, Actor, [boolean, boolean, boolean, boolean]][] = [
      ["anonymous", anonymous, [false, false, false, false]],
      ["monitor", monitor, [false, false, true, false]],
      ["mediator", mediator, [false, false, true, false]],
      ["administrator", administrator, [true, true, true, true]],
      ["administrator by token", viaToken(administrator), [false, true, false, false]],
      ["monitor by token", viaToken(monitor), [false, false, false, false]],
      ["representative", representative, [false, false, true, false]],
      ["representative of no party", unboundRepresentative, [false, false, false, false]],
    ];
    for (const [name, actor, want] of table) {
      const self = actor.kind === "account" ? actor.accountId : "nobody";
      const got = [
        can(actor, "manage_accounts", { type: "accounts" }).allowed,
        can(actor, "manage_licences", { type: "licences" }).allowed,
        can(actor, "manage_tokens", { type: "tokens", ownerAccountId: self }).allowed,
        can(actor, "manage_tokens", { type: "tokens", ownerAccountId: "someone-else" }).allowed,
      ];
      expect(got, name).toEqual(want);
    }
  });
});

describe("notifications and webhooks", () => {
  // read_notifications: of P, of Q, of every party (no party given).
  // manage_webhooks: P's webhooks, Q's webhooks.
  const table: [string, Actor, [boolean, boolean, boolean], [boolean, boolean]][] = [
    ["anonymous", anonymous, [false, false, false], [false, false]],
    ["monitor", monitor, [true, true, true], [false, false]],
    ["mediator", mediator, [true, true, true], [false, false]],
    ["administrator", administrator, [true, true, true], [true, true]],
    ["representative of P", representative, [true, false, false], [true, false]],
    ["representative of no party", unboundRepresentative, [false, false, false], [false, false]],
  ];
  for (const [name, actor, notifications, webhooks] of table) {
    it(name, () => {
      const read = (partyId?: string) =>
        can(actor, "read_notifications", { type: "notifications", ...(partyId ? { partyId } : {}) }).allowed;
      const manage = (partyId: string) =>
        can(actor, "manage_webhooks", { type: "webhooks", partyId }).allowed;
      expect([read(P), read(Q), read()]).toEqual(notifications);
      expect([manage(P), manage(Q)]).toEqual(webhooks);
    });
  }
  it("says why", () => {
    const decision = can(representative, "manage_webhooks", { type: "webhooks", partyId: Q }, { partyName });
    expect(decision).toEqual({
      allowed: false,
      reason: "a representative of Armenia can manage only Armenia's own webhooks",
    });
  });
});

describe("refusals say why", () => {
  const refusal = (actor: Actor, action: Parameters<typeof can>[1], target: Parameters<typeof can>[2]) => {
    const decision = can(actor, action, target, { partyName });
    return decision.allowed ? "allowed" : decision.reason;
  };
  it("in the words of the issue", () => {
    expect(refusal(mediator, "manage_accounts", { type: "accounts" })).toBe(
      "only an administrator can manage accounts and change roles",
    );
    const aboutAzerbaijan = recordTarget("incidents", {
      ...staffWorkAbout(Q)("incidents"),
      reviewState: "published",
    });
    expect(refusal(representative, "reply", aboutAzerbaijan)).toBe(
      "a representative of Armenia cannot reply to a record that does not concern Armenia",
    );
  });
  it("for the four-eyes rule, the public, and a party's own words", () => {
    const submitted = recordTarget("incidents", {
      createdByAccountId: "monitor-1",
      submittedByAccountId: "mediator-1",
      reviewState: "under_review",
    });
    expect(refusal(mediator, "publish", submitted)).toMatch(/^four eyes/);
    expect(refusal(anonymous, "update", submitted)).toMatch(/^sign in first/);
    const reply = recordTarget("replies", { ...replyOf(P)("replies"), reviewState: "published" });
    expect(refusal(administrator, "update", reply)).toBe(
      "this reply is Armenia's own word: only Armenia's representatives can update it",
    );
    expect(refusal(monitor, "publish", recordTarget("incidents", { reviewState: "draft" }))).toBe(
      "only a mediator or an administrator can publish a record",
    );
    expect(refusal(mediator, "publish", recordTarget("incidents", { reviewState: "draft" }))).toBe(
      "only a record that is under review or disputed can be published; this one is a draft: submit it for review first",
    );
    expect(refusal(monitor, "create", kindTarget("agreements"))).toBe(
      "only mediators and administrators can create agreements",
    );
    expect(refusal(monitor, "publish", { type: "kind", kind: "incidents" })).toMatch(/applies to record/);
  });
});

describe("whom a record concerns", () => {
  it("an incident: its actors, those who allege it, and those who allege its breaches", () => {
    const incident = {
      actors: [
        { partyId: "b", role: "perpetrator" },
        { name: "Protesters", role: "affected" },
        { partyId: "a", role: "target" },
      ],
      allegedByPartyIds: ["c", "a"],
      allegedBreaches: [{ provisionId: "p6", allegedByPartyId: "d" }, { provisionId: "p7" }],
    };
    expect(concernedParties("incidents", incident)).toEqual(["a", "b", "c", "d"]);
  });
  it("every other kind, by the fields that name parties", () => {
    expect(concernedParties("assessments", { partyId: "a", commitmentId: "c1" })).toEqual(["a"]);
    expect(concernedParties("interpretations", { partyId: "a" })).toEqual(["a"]);
    expect(
      concernedParties("commitments", { obligorPartyIds: ["a", "b"], beneficiaryPartyIds: ["c"] }),
    ).toEqual(["a", "b", "c"]);
    expect(
      concernedParties("agreements", {
        signatoryPartyIds: ["a"],
        guarantorPartyIds: ["r"],
        issuerPartyId: "i",
      }),
    ).toEqual(["a", "i", "r"]);
    expect(
      concernedParties("meetings", { mediatorPartyIds: ["m"], participantPartyIds: ["a", "b"] }),
    ).toEqual(["a", "b", "m"]);
    expect(concernedParties("formats", { mediatorPartyIds: ["m"], memberPartyIds: ["a"] })).toEqual([
      "a",
      "m",
    ]);
    expect(concernedParties("accessObservations", { reportedByPartyId: "a" })).toEqual(["a"]);
    expect(concernedParties("documents", { authorPartyId: "a" })).toEqual(["a"]);
    expect(concernedParties("persons", { roles: [{ office: "x", partyId: "a" }, { office: "y" }] })).toEqual([
      "a",
    ]);
    expect(concernedParties("parties", { id: "a" })).toEqual(["a"]);
    expect(concernedParties("replies", { partyId: "a" })).toEqual(["a"]);
    for (const kind of ["processes", "places", "agreementVersions", "provisions", "provisionTexts"] as const)
      expect(concernedParties(kind, { partyId: "a", claimOfPartyId: "a" }), kind).toEqual([]);
    expect(concernedParties("incidents", {})).toEqual([]);
  });
});

describe("reading, record by record and set-wise", () => {
  it("readableFilter admits exactly what can(read) allows", () => {
    fc.assert(
      fc.property(anyActor, anyKind, anyRecord, (actor, kind, record) => {
        expect(admits(readableFilter(actor, kind), record)).toBe(
          can(actor, "read", recordTarget(kind, record)).allowed,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it("0 leaks: no anonymous or representative actor reads a draft, or anything unpublished, not its own party's", () => {
    const hidden: ReviewState[] = ["draft", "under_review", "retracted"];
    const outsiders = anyActor.filter((a) => a.kind === "anonymous" || a.role === "party_representative");
    fc.assert(
      fc.property(outsiders, anyKind, anyRecord, fc.constantFrom(...hidden), (actor, kind, record, state) => {
        const own = actor.kind === "account" ? actor.partyId : undefined;
        const ownerParty = kind === "replies" ? record.partyId : record.claimOfPartyId;
        fc.pre(own === undefined || ownerParty !== own);
        const unpublished = { ...record, reviewState: state };
        expect(can(actor, "read", recordTarget(kind, unpublished)).allowed).toBe(false);
        expect(admits(readableFilter(actor, kind), unpublished)).toBe(false);
        expect(allowedActions(actor, recordTarget(kind, unpublished))).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it("nobody may act on a record they may not read, and nobody publishes what they created or submitted", () => {
    fc.assert(
      fc.property(anyActor, anyKind, anyRecord, (actor, kind, record) => {
        const actions = allowedActions(actor, recordTarget(kind, record));
        if (actions.length > 0) expect(actions).toContain("read");
        const mine =
          actor.kind === "account" &&
          [record.createdByAccountId, record.submittedByAccountId].includes(actor.accountId);
        if (mine && kind !== "replies") expect(actions).not.toContain("publish");
      }),
      { numRuns: 5000 },
    );
  });
});
