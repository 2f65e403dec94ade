import type { Deadline } from "../../domain/commitments.js";
import type { SourceRef } from "../../domain/common.js";

export type Level = 0 | 1 | 2 | 3 | null;

/** A party's published reply, printed right after the record it answers (the right of reply). */
export interface PartyReplyRow {
  partyName: string;
  text: string;
}

export interface PartyIndexRow {
  partyId: string;
  partyName: string;
  index: number | null;
  indexSince?: number | null;
  pairs: number;
  assessed: number;
  unassessed: number;
  notApplicable: number;
  overdue: number;
  pastDueUnassessed: number;
  reversals: number;
}

export interface ObligationRow {
  partyName: string;
  /** undefined: never assessed as of the date. */
  level: Level | undefined;
  levelSince?: Level | undefined;
  assessedOn?: string;
  reversed: boolean;
  overdueSince?: string;
  rationale?: string;
  sources: SourceRef[];
  evidence: { label: string; url?: string; quote?: string }[];
  /** Replies to the current assessment. */
  replies?: PartyReplyRow[];
}

export interface CommitmentSection {
  id: string;
  title: string;
  action: string;
  deadline: Deadline;
  obligations: ObligationRow[];
  sources: SourceRef[];
}

export interface AgreementSection {
  id: string;
  title: string;
  signedOn?: string;
  provisions: { path: string; text?: string; commitments: CommitmentSection[] }[];
  /** Commitments not tied to a provision of this agreement (from meetings). */
  sources: SourceRef[];
}

export interface ChangeRow {
  date: string;
  commitmentTitle: string;
  partyName: string;
  from: Level | undefined;
  to: Level;
  rationale: string;
  sources: SourceRef[];
  replies?: PartyReplyRow[];
}

export interface IncidentRow {
  date: string;
  title: string;
  place: string;
  allegedBy: string[];
  sources: SourceRef[];
  replies?: PartyReplyRow[];
}

export interface ReportModel {
  processName: string;
  isDemonstration: boolean;
  asOf: string;
  since?: string;
  generatedAt: string;
  version: string;
  method: string;
  parties: PartyIndexRow[];
  agreements: AgreementSection[];
  changes: ChangeRow[];
  incidents: IncidentRow[];
}
