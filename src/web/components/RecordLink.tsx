import { Link } from "react-router-dom";
import { useApi } from "../api";

/** The kinds with a detail page of their own, and its path. */
const detailPaths: Record<string, string> = {
  incidents: "/incidents",
  documents: "/documents",
  places: "/places",
  parties: "/parties",
  meetings: "/meetings",
  formats: "/formats",
  commitments: "/commitments",
  agreements: "/agreements",
};

/** Kinds shown on a parent's page: the API path to read the record, and where its parent is shown. */
const shownOnParent: Record<
  string,
  { api: string; page: (record: Record<string, unknown>) => string | null }
> = {
  assessments: { api: "assessments", page: (r) => parentPath("/commitments", r.commitmentId) },
  interpretations: { api: "interpretations", page: (r) => parentPath("/commitments", r.commitmentId) },
  accessObservations: {
    api: "access-observations",
    page: (r) => (typeof r.placeId === "string" ? `/places/${encodeURIComponent(r.placeId)}/access` : null),
  },
};

const parentPath = (base: string, id: unknown) =>
  typeof id === "string" ? `${base}/${encodeURIComponent(id)}` : null;

function ParentLink({ kind, id, title }: { kind: string; id: string; title: string }) {
  const rule = shownOnParent[kind];
  const record = useApi<Record<string, unknown>>(rule ? `/api/${rule.api}/${encodeURIComponent(id)}` : null);
  const to = rule && record.data ? rule.page(record.data) : null;
  return to ? <Link to={to}>{title}</Link> : title;
}

/**
 * A record named by kind and id, linked to the page that shows it: its own page, or its parent's
 * (an assessment on its commitment's page, read first); plain text when no page shows it.
 */
export function RecordLink({ kind, id, title }: { kind: string; id: string; title: string }) {
  const path = detailPaths[kind];
  if (path) return <Link to={`${path}/${encodeURIComponent(id)}`}>{title}</Link>;
  if (shownOnParent[kind]) return <ParentLink kind={kind} id={id} title={title} />;
  return title;
}
