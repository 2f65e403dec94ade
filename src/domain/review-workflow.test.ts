import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  account,
  administrator,
  anyActor,
  anyKind,
  anyRecord,
  mediator,
  monitor,
  P,
  partyName,
  Q,
  representative,
} from "../test-support/policy-fixtures.js";
import { type Actor, anonymous } from "./actor.js";
import type { ReviewState } from "./common.js";
import { entitySchemas } from "./entities.js";
import { can, type PolicyKind, type PolicyRecord } from "./policy.js";
import { Reply, ReplyInput, stampPartyClaim } from "./replies.js";
import {
  findTransition,
  lastSubmitter,
  type ReviewAction,
  ReviewMove,
  ReviewRequest,
  recordTransitions,
  replyTransitions,
  reviewActions,
  transition,
} from "./review-workflow.js";

const at = "2024-03-01T10:00:00Z";

describe("the transition table", () => {
  it("is the workflow of issue #9, with a reason wherever something is sent back, marked or withdrawn", () => {
    const rows = (table: typeof recordTransitions) =>
      table.map((t) => `${t.from} → ${t.to} by ${t.action}${t.requiresReason ? ", with a reason" : ""}`);
    expect(rows(recordTransitions)).toEqual([
      "draft → under_review by submit_for_review",
      "under_review → draft by return_to_draft, with a reason",
      "under_review → published by publish",
      "published → disputed by dispute, with a reason",
      "published → retracted by retract, with a reason",
      "disputed → published by publish, with a reason",
      "disputed → retracted by retract, with a reason",
    ]);
    expect(rows(replyTransitions)).toEqual([
      "draft → published by publish",
      "published → retracted by retract, with a reason",
    ]);
  });
});

/** Runs moves one after another, as the store would, keeping the history the four-eyes rule reads. */
class TrackedRecord {
  history: ReviewMove[] = [];
  constructor(
    readonly kind: PolicyKind,
    public record: PolicyRecord,
  ) {}
  move(action: ReviewAction, actor: Actor, reason?: string) {
    const subject = {
      kind: this.kind,
      record: { ...this.record, submittedByAccountId: lastSubmitter(this.history) },
    };
    const result = transition(subject, action, actor, reason, at, { partyName });
    if (result.ok) {
      expect(ReviewMove.parse(result.move)).toEqual(result.move);
      this.history.push(result.move);
      this.record = { ...this.record, reviewState: result.state };
    }
    return result;
  }
}

describe("moving a record through review", () => {
  it("from a monitor's draft to published, disputed, reinstated and retracted, each move with who, when and why", () => {
    const incident = new TrackedRecord("incidents", {
      reviewState: "draft",
      createdByAccountId: "monitor-1",
    });
    expect(incident.move("submit_for_review", monitor)).toMatchObject({ ok: true, state: "under_review" });
    expect(incident.move("publish", mediator)).toMatchObject({ ok: true, state: "published" });
    expect(incident.move("dispute", mediator, "  Two sources contradict the date  ")).toMatchObject({
      ok: true,
      move: { reason: "Two sources contradict the date" },
    });
    expect(
      incident.move("publish", administrator, "The date is confirmed by the mission's log"),
    ).toMatchObject({
      ok: true,
      state: "published",
    });
    expect(incident.move("retract", mediator, "Duplicate of another incident")).toMatchObject({ ok: true });
    expect(incident.history.map((m) => `${m.from}→${m.to} ${m.by}`)).toEqual([
      "draft→under_review monitor@example.org",
      "under_review→published mediator@example.org",
      "published→disputed mediator@example.org",
      "disputed→published administrator@example.org",
      "published→retracted mediator@example.org",
    ]);
    expect(incident.history[0]).toEqual({
      from: "draft",
      to: "under_review",
      action: "submit_for_review",
      by: "monitor@example.org",
      byAccountId: "monitor-1",
      at,
    });
    for (const action of reviewActions)
      expect(incident.move(action, administrator, "why"), action).toMatchObject({
        ok: false,
        problem: "wrong_state",
      });
  });

  it("returns a record to its author, who may also withdraw it", () => {
    const assessment = new TrackedRecord("assessments", {
      reviewState: "draft",
      createdByAccountId: "monitor-1",
    });
    assessment.move("submit_for_review", monitor);
    expect(assessment.move("return_to_draft", mediator)).toEqual({
      ok: false,
      problem: "reason_required",
      reason: "say why the record is returned to draft",
    });
    expect(assessment.move("return_to_draft", mediator, "Cite the evidence")).toMatchObject({
      state: "draft",
    });
    assessment.move("submit_for_review", monitor);
    expect(
      assessment.move("return_to_draft", account("monitor", { accountId: "monitor-2" }), "x"),
    ).toMatchObject({
      ok: false,
      problem: "forbidden",
    });
    expect(assessment.move("return_to_draft", monitor, "A typo")).toMatchObject({ ok: true, state: "draft" });
  });

  it("keeps four eyes: whoever created or submitted a record does not publish it", () => {
    const agreement = new TrackedRecord("agreements", {
      reviewState: "draft",
      createdByAccountId: "mediator-1",
    });
    agreement.move("submit_for_review", mediator);
    expect(agreement.move("publish", mediator)).toMatchObject({ ok: false, problem: "forbidden" });
    const other = account("mediator", { accountId: "mediator-2" });
    const place = new TrackedRecord("places", { reviewState: "draft" });
    place.move("submit_for_review", other);
    expect(place.move("publish", other)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^four eyes/),
    });
    expect(place.move("publish", mediator)).toMatchObject({ ok: true });
  });

  it("refuses the public, the wrong state, a missing reason and a missing right, each for what it is", () => {
    const published = { kind: "incidents" as const, record: { reviewState: "published" as ReviewState } };
    expect(transition(published, "retract", anonymous, "x", at)).toMatchObject({
      problem: "unauthenticated",
    });
    expect(transition(published, "publish", mediator, undefined, at)).toMatchObject({
      problem: "wrong_state",
    });
    expect(transition(published, "retract", mediator, "   ", at)).toMatchObject({
      problem: "reason_required",
    });
    expect(transition(published, "retract", mediator, "x".repeat(2001), at)).toMatchObject({
      problem: "reason_required",
      reason: "a reason is at most 2000 characters",
    });
    expect(transition(published, "retract", monitor, "x", at)).toMatchObject({ problem: "forbidden" });
    expect(transition(published, "dispute", representative, "x", at)).toMatchObject({ problem: "forbidden" });
  });
});

describe("replies", () => {
  it("are published and retracted by their own party alone, without the mission's review", () => {
    const reply = new TrackedRecord("replies", {
      reviewState: "draft",
      partyId: P,
      createdByAccountId: "rep-armenia",
    });
    expect(reply.move("submit_for_review", representative)).toMatchObject({ problem: "wrong_state" });
    expect(reply.move("publish", account("party_representative", { partyId: Q }))).toMatchObject({
      problem: "forbidden",
      reason: "this reply is Armenia's own word: only Armenia's representatives can publish it",
    });
    expect(reply.move("publish", administrator)).toMatchObject({ problem: "forbidden" });
    expect(reply.move("publish", representative)).toMatchObject({ ok: true, state: "published" });
    expect(reply.move("dispute", mediator, "x")).toMatchObject({ problem: "wrong_state" });
    expect(reply.move("retract", mediator, "x")).toMatchObject({ problem: "forbidden" });
    expect(reply.move("retract", representative, "Superseded by our statement of 3 March")).toMatchObject({
      state: "retracted",
    });
  });

  it("have a shape whose party and author come from the actor, not the body", () => {
    const body = ReplyInput.parse({ answers: { kind: "incidents", id: "inc-1" }, text: " We deny this. " });
    expect(body).toEqual({
      answers: { kind: "incidents", id: "inc-1" },
      text: "We deny this.",
      language: "en",
      sources: [],
    });
    expect(ReplyInput.safeParse({ answers: { kind: "documents", id: "d" }, text: "x" }).success).toBe(false);
    expect(ReplyInput.safeParse({ answers: { kind: "incidents", id: "i" }, text: "   " }).success).toBe(
      false,
    );
    expect(Object.keys(ReplyInput.shape)).not.toContain("partyId");
    const stored = {
      ...body,
      id: "r1",
      partyId: P,
      authorAccountId: "rep-armenia",
      authorName: "rep@example.org",
      reviewState: "published",
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
    };
    expect(Reply.parse(stored)).toEqual(stored);
    expect(Reply.safeParse({ ...stored, reviewState: "under_review" }).success).toBe(false);
  });
});

describe("party submissions are claims of that party, never findings", () => {
  it("an incident: reported, alleged by the party alone", () => {
    const incident = entitySchemas.incidents.parse({
      processId: "nk",
      title: "Shelling reported",
      monitoringType: "ceasefire_violation",
      startDate: "2024-01-01",
      verificationStatus: "verified",
      allegedByPartyIds: [Q],
      allegedBreaches: [{ provisionId: "p1", allegedByPartyId: Q, status: "confirmed" }],
    });
    const claim = stampPartyClaim("incidents", incident, P);
    expect(claim).toMatchObject({
      claimOfPartyId: P,
      verificationStatus: "reported",
      allegedByPartyIds: [P],
      allegedBreaches: [{ provisionId: "p1", allegedByPartyId: P, status: "alleged" }],
    });
  });
  it("a statement, an observation and a reading speak for the submitting party", () => {
    const base = { processId: "nk" };
    const document = entitySchemas.documents.parse({
      ...base,
      kind: "official_statement",
      title: "Statement",
      text: "We state…",
      authorPartyId: Q,
    });
    expect(stampPartyClaim("documents", document, P)).toMatchObject({ authorPartyId: P, claimOfPartyId: P });
    const observation = entitySchemas.accessObservations.parse({
      ...base,
      placeId: "lachin",
      observedOn: "2024-01-01",
      status: "closed",
    });
    expect(stampPartyClaim("accessObservations", observation, P)).toMatchObject({
      reportedByPartyId: P,
      claimOfPartyId: P,
    });
    const reading = entitySchemas.interpretations.parse({ ...base, partyId: Q, reading: "Control means…" });
    expect(stampPartyClaim("interpretations", reading, P)).toMatchObject({ partyId: P, claimOfPartyId: P });
  });
});

describe("the review request body", () => {
  it("names a move and, where needed, says why", () => {
    expect(ReviewRequest.parse({ action: "retract", reason: "  Wrong place  " })).toEqual({
      action: "retract",
      reason: "Wrong place",
    });
    expect(ReviewRequest.parse({ action: "publish" })).toEqual({ action: "publish" });
    expect(ReviewRequest.safeParse({ action: "delete" }).success).toBe(false);
    expect(ReviewRequest.safeParse({ action: "dispute", reason: "" }).success).toBe(false);
    expect(ReviewRequest.safeParse({ action: "dispute", reason: "x".repeat(2001) }).success).toBe(false);
  });
});

describe("the workflow agrees with the table and the policy", () => {
  it("for any actor, record and move", () => {
    fc.assert(
      fc.property(
        anyActor,
        anyKind,
        anyRecord,
        fc.constantFrom(...reviewActions),
        (actor, kind, record, action) => {
          const result = transition({ kind, record }, action, actor, "a reason", at);
          const move = findTransition(kind, action, record.reviewState);
          const allowed = can(actor, action, { type: "record", kind, record }).allowed;
          expect(result.ok).toBe(move !== undefined && allowed);
          if (result.ok) expect(result.state).toBe(move?.to);
          if (allowed) expect(move).toBeDefined();
        },
      ),
      { numRuns: 5000 },
    );
  });
});
