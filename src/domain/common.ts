import { z } from "zod";

/** Record ids are opaque strings: readable slugs for curated data ("armenia"), UUIDs for records made at run time. */
export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "ids are letters, digits and . _ : - only");
export type Id = z.infer<typeof Id>;

/** Year 0000 passes ISO 8601 but PostgreSQL has no year zero: dates run from 0001 to 9999. */
const notYearZero = (value: string) => !value.startsWith("0000");
const yearZeroMessage = "years run from 0001 to 9999 (there is no year 0000)";
export const IsoDate = z.iso.date().refine(notYearZero, yearZeroMessage);
export const IsoDateTime = z.iso.datetime({ offset: true }).refine(notYearZero, yearZeroMessage);

/**
 * An address a reader can open: http or https only. A javascript:, data: or file: link in a record
 * would run, or reach the reader's own files, from the platform's origin.
 */
export const WebUrl = z.url({ protocol: /^https?$/, error: "an http:// or https:// address" }).max(2000);
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as en, hy, az, ru");

/**
 * A name in one language, with the sides that use it. No name is "the" name:
 * Shusha and Shushi are both names of one place, each used by some parties.
 */
export const LocalizedName = z.object({
  text: z.string().min(1).max(300),
  lang: LanguageTag,
  usedBy: z.array(Id).default([]),
  note: z.string().max(500).optional(),
});
export type LocalizedName = z.infer<typeof LocalizedName>;
export const Names = z.array(LocalizedName).min(1);

/** Where a fact comes from: a stored document, or a public address read by whoever recorded it. */
export const SourceRef = z
  .object({
    documentId: Id.optional(),
    url: WebUrl.optional(),
    title: z.string().max(500).optional(),
    publisher: z.string().max(300).optional(),
    publishedOn: IsoDate.optional(),
    quote: z.string().max(4000).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((s) => s.documentId !== undefined || s.url !== undefined, {
    message: "a source names a stored document or a URL",
  });
export type SourceRef = z.infer<typeof SourceRef>;
export const Sources = z.array(SourceRef).default([]);

export const reviewStates = ["draft", "under_review", "published", "disputed", "retracted"] as const;
export const ReviewState = z.enum(reviewStates);
export type ReviewState = z.infer<typeof ReviewState>;

export const verificationStatuses = [
  "reported",
  "corroborated",
  "verified",
  "disputed",
  "machine_coded",
] as const;
export const VerificationStatus = z.enum(verificationStatuses);

/** Precision is a field, not a footnote: a date known only to the month is stored as such. */
export const timePrecisions = ["minute", "hour", "day", "week", "month", "year"] as const;
export const TimePrecision = z.enum(timePrecisions);
export type TimePrecision = z.infer<typeof TimePrecision>;

/** ACLED's geo_precision codes: 1 exact place, 2 near / part of a region, 3 only a larger region. */
export const GeoPrecision = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type GeoPrecision = z.infer<typeof GeoPrecision>;

/** Fields every stored record carries; set by the store, never by the caller. */
export const RecordMeta = z.object({
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type RecordMeta = z.infer<typeof RecordMeta>;
