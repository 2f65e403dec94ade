/**
 * The terms imported records come under. Every imported record keeps its licence id; public outputs
 * ask here what they may do with it, and print the attribution it requires.
 */
export interface Licence {
  id: string;
  name: string;
  /** May raw rows be handed on in public outputs (exports, feeds, OGC)? */
  redistributable: boolean;
  /** The line every output that includes or counts such rows must carry. */
  attribution: string;
  url?: string;
}

export const licences: Record<string, Licence> = {
  own: {
    id: "own",
    name: "Recorded in this Peacetrack instance",
    redistributable: true,
    attribution: "",
  },
  acled: {
    id: "acled",
    name: "ACLED Terms of Use",
    // ACLED's terms forbid redistributing its raw data; derived counts with attribution are allowed.
    redistributable: false,
    attribution: "Armed Conflict Location & Event Data Project (ACLED); acleddata.com",
    url: "https://acleddata.com/terms-of-use/",
  },
  "ucdp-cc-by-4.0": {
    id: "ucdp-cc-by-4.0",
    name: "UCDP Georeferenced Event Dataset, CC BY 4.0",
    redistributable: true,
    attribution:
      "Uppsala Conflict Data Program (UCDP) Georeferenced Event Dataset; Sundberg & Melander (2013), Högbladh (2023); CC BY 4.0",
    url: "https://creativecommons.org/licenses/by/4.0/",
  },
  gdelt: {
    id: "gdelt",
    name: "GDELT Project (open, with citation)",
    redistributable: true,
    attribution: "The GDELT Project (gdeltproject.org)",
    url: "https://www.gdeltproject.org/about.html#termsofuse",
  },
};

/** What public outputs do with the rows of one licence: an administrator's setting per licence. */
export const publicUses = ["include", "count_only", "exclude"] as const;
export type PublicUse = (typeof publicUses)[number];

/** The default: what a licence allows, nothing more. */
export const defaultPublicUse = (licenceId: string): PublicUse =>
  (licences[licenceId]?.redistributable ?? false) ? "include" : "count_only";

export const licenceOf = (id: string): Licence =>
  licences[id] ?? { id, name: id, redistributable: false, attribution: `Data under the terms "${id}"` };
