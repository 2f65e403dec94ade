import { afterAll, beforeAll, expect, it } from "vitest";
import type { AccountActor } from "../domain/actor.js";
import { anonymous } from "../domain/actor.js";
import type { Database } from "../store/database.js";
import { testAccount } from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { seedFromFolder } from "./demo-data.js";
import { readDocumentDetail } from "./document-reads.js";
import {
  acceptConfident,
  decideExtractionItem,
  readExtraction,
  rerunExtraction,
} from "./extraction-review.js";
import { reviewRecord } from "./review.js";
import { ingestPastedText } from "./source-intake.js";

/** Issue #11: extraction on intake, its review, and what the public sees of it. */

const report = "doc-asbarez-full-fledged-talks";

describeEachDatabase("extraction on intake and its review", (open) => {
  let database: Database;
  let monitor: AccountActor;
  let mediator: AccountActor;
  const db = () => database.db;

  beforeAll(async () => {
    database = await open();
    await seedFromFolder(db());
    monitor = (await testAccount(db(), "monitor")).actor;
    mediator = (await testAccount(db(), "mediator")).actor;
  });
  afterAll(() => database.close());

  it("reads the seeded report for quotes with their speaker, claims and dates, spans in the original text", async () => {
    const detail = await readDocumentDetail(db(), monitor, report);
    const quote = detail.quotes.find((item) => item.text.includes("replace full-fledged peace negotiations"));
    expect(quote?.speaker).toEqual({ id: "nk-authorities", name: expect.any(String) });
    expect(detail.text.slice(quote?.spanStart, quote?.spanEnd)).toBe(quote?.text);
    expect(detail.claims.map((claim) => claim.claimType)).toEqual(expect.arrayContaining(["commits"]));
    expect(detail.dates.map((date) => date.text)).toEqual(expect.arrayContaining(["since Dec. 12"]));
    // The report carries no published date: "since Dec. 12" is kept, unresolved, not guessed.
    expect(detail.dates.find((date) => date.text === "since Dec. 12")?.resolved).toBeNull();
    expect(detail.mayReviewExtraction).toBe(true);
  });

  it("keeps every decision, with who and when, when extraction runs again", async () => {
    const before = await readExtraction(db(), monitor, report);
    const [quote] = before.quotes;
    const [claim] = before.claims;
    if (!quote || !claim) throw new Error("the report yields quotes and claims");
    const accepted = await decideExtractionItem(db(), monitor, quote.id, { action: "accept" });
    expect([accepted.status, accepted.decidedBy]).toEqual(["accepted", monitor.name]);
    const corrected = await decideExtractionItem(db(), monitor, claim.id, {
      action: "correct",
      correction: { claimType: "denies" },
    });
    expect([corrected.status, corrected.claimType]).toEqual(["corrected", "denies"]);
    await rerunExtraction(db(), monitor, report);
    const after = await readExtraction(db(), monitor, report);
    expect(after.quotes.find((item) => item.id === quote.id)?.status).toBe("accepted");
    expect(after.claims.find((item) => item.id === claim.id)).toMatchObject({
      status: "corrected",
      claimType: "denies",
    });
    expect(after.mentions.length).toBe(before.mentions.length);
  });

  it("shows the public only what a reviewer confirmed, and nothing of a draft document", async () => {
    const seen = await readExtraction(db(), anonymous, report);
    expect(seen.mayReview).toBe(false);
    expect(
      [...seen.quotes, ...seen.claims, ...seen.mentions].every((item) => item.status !== "suggested"),
    ).toBe(true);
    expect(seen.quotes.length + seen.claims.length).toBeGreaterThanOrEqual(2);
    const draft = await ingestPastedText(
      db(),
      monitor,
      "“We will not allow the corridor to be closed,” the Azerbaijani foreign ministry said on Monday.",
      { processId: "nk-2020", title: "A draft statement", publishedOn: "2023-01-16" },
    );
    if (draft.outcome === "failed") throw new Error(draft.message);
    await expect(readExtraction(db(), anonymous, draft.documentId)).rejects.toThrow(/No documents record/);
    const staffView = await readExtraction(db(), monitor, draft.documentId);
    expect(staffView.quotes[0]?.speaker?.id).toBe("azerbaijan");
    expect(staffView.dates[0]?.resolved).toEqual({ start: "2023-01-16", end: "2023-01-16" });
  });

  it("accepts the confident suggestions at once, and refuses the public and parties", async () => {
    const accepted = await acceptConfident(db(), monitor, "doc-artsakh-mfa-full-fledged-talks", 0.8);
    expect(accepted).toBeGreaterThan(0);
    const representative = (await testAccount(db(), "party_representative", { partyId: "armenia" })).actor;
    const [item] = (await readExtraction(db(), mediator, report)).mentions;
    await expect(
      decideExtractionItem(db(), representative, item?.id ?? "", { action: "reject" }),
    ).rejects.toThrow();
    await expect(decideExtractionItem(db(), anonymous, item?.id ?? "", { action: "reject" })).rejects.toThrow(
      /Sign in/,
    );
  });

  it("shows a document's confirmed items to the public once the document is published", async () => {
    const taken = await ingestPastedText(
      db(),
      monitor,
      "“The road must stay open,” the Armenian foreign ministry said.",
      { processId: "nk-2020", title: "Published later" },
    );
    if (taken.outcome === "failed") throw new Error(taken.message);
    await acceptConfident(db(), monitor, taken.documentId, 0.5);
    await expect(readExtraction(db(), anonymous, taken.documentId)).rejects.toThrow(/No documents record/);
    await reviewRecord(db(), "documents", taken.documentId, { action: "submit_for_review" }, monitor);
    await reviewRecord(db(), "documents", taken.documentId, { action: "publish" }, mediator);
    const seen = await readExtraction(db(), anonymous, taken.documentId);
    expect(seen.quotes.length).toBeGreaterThan(0);
    expect([...seen.quotes, ...seen.mentions].every((item) => item.status === "accepted")).toBe(true);
  });
});
