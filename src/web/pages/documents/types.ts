import type { z } from "zod";
import type {
  ClusterMember,
  DocumentContext,
  EvidenceKind,
  EvidenceLinkView,
  FeedView,
  IntakeListItem,
  IntakeResult,
  PollResultView,
  Sighting,
} from "../../../domain/documents";
import type { Rec } from "../../api";

/** The shapes the source library's routes answer (types only: the schemas stay on the server). */
export type DocumentDetail = Rec<"documents"> & z.infer<typeof DocumentContext>;
export type SightingView = z.infer<typeof Sighting>;
export type ClusterMemberView = z.infer<typeof ClusterMember>;
export type PollResult = z.infer<typeof PollResultView>;
export type { EvidenceKind, EvidenceLinkView, FeedView, IntakeListItem, IntakeResult };
/** What an intake answers with 201 or 200: the document and how it was taken in. */
export type IntakeAnswer = Rec<"documents"> & { intake: IntakeResult };

/** The kinds of record a passage can be cited for, as the API names them, with their web pages. */
export const citableKinds: { kind: EvidenceKind; path: string }[] = [
  { kind: "incidents", path: "/incidents" },
  { kind: "commitments", path: "/commitments" },
  { kind: "meetings", path: "/meetings" },
  { kind: "assessments", path: "" },
  { kind: "accessObservations", path: "" },
  { kind: "persons", path: "" },
];

/** Where a cited record is shown, when it has a page of its own. */
export function recordHref(kind: EvidenceKind, id: string): string | undefined {
  const path = citableKinds.find((entry) => entry.kind === kind)?.path;
  return path ? `${path}/${encodeURIComponent(id)}` : undefined;
}

/** A share as a whole percentage, for similarity scores and containment. */
export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? "—" : `${Math.round(share * 100)} %`;
