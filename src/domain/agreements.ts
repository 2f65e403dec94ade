import { z } from "zod";
import { Id, IsoDate, IsoDateTime, LanguageTag, Sources, WebUrl } from "./common.js";
import { StatusChange } from "./negotiation.js";

export const agreementKinds = [
  "ceasefire",
  "framework",
  "implementation",
  "court_order",
  "joint_statement",
  "comprehensive",
] as const;
export const agreementStatuses = ["in_force", "violated", "suspended", "superseded", "terminated"] as const;

export const Agreement = z.object({
  processId: Id,
  title: z.string().min(1).max(500),
  shortTitle: z.string().max(120).optional(),
  kind: z.enum(agreementKinds),
  signedOn: IsoDate.optional(),
  /** When it took effect, if that differs from signature (the 2020 ceasefire: 00:00 Moscow time, 10 Nov). */
  effectiveAt: IsoDateTime.optional(),
  signatoryPartyIds: z.array(Id).default([]),
  signatoryPersonIds: z.array(Id).default([]),
  guarantorPartyIds: z.array(Id).default([]),
  issuerPartyId: Id.optional(),
  meetingId: Id.optional(),
  statusHistory: z.array(StatusChange(agreementStatuses)).default([]),
  summary: z.string().max(10000).default(""),
  sources: Sources,
});

/**
 * One official text of an agreement, per publisher and language. Versions never overwrite
 * one another: their differences are facts users need to see.
 */
export const AgreementVersion = z.object({
  agreementId: Id,
  label: z.string().min(1).max(300),
  publisher: z.string().min(1).max(300),
  language: LanguageTag,
  publishedOn: IsoDate.optional(),
  sourceUrl: WebUrl.optional(),
  preamble: z.string().max(20000).default(""),
  /** False when only part of the text could be found; the gap is stated, never filled in. */
  complete: z.boolean().default(true),
  completenessNote: z.string().max(2000).default(""),
  sortOrder: z.number().int().default(0),
});

/** A provision's path is its number in the agreement: "6", "6.2", "67". */
export const ProvisionPath = z.string().regex(/^\d+[a-z]?(\.\d+[a-z]?)*$/, 'a path such as "6" or "6.2"');

export const Provision = z.object({
  agreementId: Id,
  path: ProvisionPath,
  heading: z.string().max(300).default(""),
  categories: z.array(z.string().regex(/^[a-z_]+$/)).default([]),
  pageRef: z.string().max(50).optional(),
  note: z.string().max(5000).default(""),
  sources: Sources,
});

/** The wording of one provision in one version. */
export const ProvisionText = z.object({
  provisionId: Id,
  versionId: Id,
  text: z.string().min(1).max(20000),
  /** True where the version's text of this provision was found only in part. */
  incomplete: z.boolean().default(false),
  sources: Sources,
});

/** Compare two provision paths numerically: "2" < "6" < "6.2" < "10". */
export function compareProvisionPaths(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const diff = Number.parseInt(x, 10) - Number.parseInt(y, 10);
    if (diff !== 0) return diff;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
