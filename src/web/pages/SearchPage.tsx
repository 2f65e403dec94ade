import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import type { FacetValue, SearchResponse, SearchResult, SnippetSegment } from "../../domain/search";
import { query, useApi } from "../api";
import { Status } from "../components/common";
import { ReviewBadge } from "../components/ReviewPanel";
import { useProcess } from "../process-context";

/** The filters a facet link sets; `year` becomes a from/to pair for the API. */
const facetParams = [
  "kind",
  "publisher",
  "language",
  "partyId",
  "year",
  // What extraction confirmed in the documents (issue #11): these filters find documents only.
  "extractedPartyId",
  "speakerId",
  "placeId",
  "claimType",
  "commitmentId",
] as const;
type FacetParam = (typeof facetParams)[number];
const pageSize = 20;

/** The API query for the page's address: the words, the facets chosen, the process shown. */
function apiPath(params: URLSearchParams, processId: string | undefined): string | null {
  const q = params.get("q")?.trim();
  if (!q) return null;
  const year = params.get("year") ?? undefined;
  return `/api/search${query({
    q,
    processId,
    kind: params.get("kind") ?? undefined,
    publisher: params.get("publisher") ?? undefined,
    language: params.get("language") ?? undefined,
    partyId: params.get("partyId") ?? undefined,
    extractedPartyId: params.get("extractedPartyId") ?? undefined,
    speakerId: params.get("speakerId") ?? undefined,
    placeId: params.get("placeId") ?? undefined,
    claimType: params.get("claimType") ?? undefined,
    commitmentId: params.get("commitmentId") ?? undefined,
    from: year ? `${year}-01-01` : undefined,
    to: year ? `${year}-12-31` : undefined,
    limit: pageSize,
    offset: params.get("offset") ?? undefined,
  })}`;
}

/** The page's address with one parameter set (or removed), starting again at the first page. */
function withParam(params: URLSearchParams, key: string, value: string | null): string {
  const next = new URLSearchParams(params);
  if (value === null) next.delete(key);
  else next.set(key, value);
  if (key !== "offset") next.delete("offset");
  return `/search?${next.toString()}`;
}

export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { process } = useProcess();
  const path = apiPath(params, process?.id);
  const found = useApi<SearchResponse>(path);
  const q = params.get("q") ?? "";
  return (
    <section className="search-page">
      <h1>{q ? t("search.titleFor", { q }) : t("search.title")}</h1>
      {!path && <p className="muted">{t("search.empty")}</p>}
      {path && (
        <Status loading={found.loading && !found.data} error={found.error}>
          {found.data && <SearchAnswer answer={found.data} params={params} />}
        </Status>
      )}
    </section>
  );
}

function SearchAnswer({ answer, params }: { answer: SearchResponse; params: URLSearchParams }) {
  const { t } = useTranslation();
  const offset = Number(params.get("offset") ?? 0);
  return (
    <div className="search-layout">
      <aside className="search-facets" aria-label={t("search.facets")}>
        <Facet name="kind" values={answer.facets.kind} params={params} label={(v) => t(`search.kind.${v}`)} />
        <Facet name="publisher" values={answer.facets.publisher} params={params} />
        <Facet name="language" values={answer.facets.language} params={params} />
        <Facet
          name="partyId"
          values={answer.facets.party}
          params={params}
          label={(v) => answer.facets.party.find((p) => p.value === v)?.label ?? v}
        />
        <Facet name="year" values={answer.facets.year} params={params} />
        <LabelledFacet name="extractedPartyId" values={answer.facets.extractedParty} params={params} />
        <LabelledFacet name="speakerId" values={answer.facets.speaker} params={params} />
        <LabelledFacet name="placeId" values={answer.facets.place} params={params} />
        <Facet
          name="claimType"
          values={answer.facets.claimType}
          params={params}
          label={(v) => t(`extraction.claimType.${v}`)}
        />
        <LabelledFacet name="commitmentId" values={answer.facets.commitment} params={params} />
      </aside>
      <div className="search-results">
        <p className="muted" aria-live="polite">
          {t(answer.totalIsCapped ? "search.countCapped" : "search.count", { count: answer.total })}
        </p>
        {answer.results.length === 0 && <p>{t("search.nothing")}</p>}
        <ol className="search-result-list">
          {answer.results.map((result) => (
            <ResultItem key={`${result.kind}:${result.id}`} result={result} />
          ))}
        </ol>
        <nav className="search-pages" aria-label={t("search.pages")}>
          {offset > 0 && (
            <Link to={withParam(params, "offset", String(Math.max(0, offset - pageSize)))}>
              {t("search.previous")}
            </Link>
          )}
          {offset + answer.results.length < answer.total && (
            <Link to={withParam(params, "offset", String(offset + pageSize))}>{t("search.next")}</Link>
          )}
        </nav>
      </div>
    </div>
  );
}

/** A facet whose values are record ids, shown by the names the API sends beside them. */
function LabelledFacet({
  name,
  values,
  params,
}: {
  name: FacetParam;
  values: (FacetValue & { label: string })[];
  params: URLSearchParams;
}) {
  return (
    <Facet
      name={name}
      values={values}
      params={params}
      label={(v) => values.find((value) => value.value === v)?.label ?? v}
    />
  );
}

function Facet({
  name,
  values,
  params,
  label = (value) => value,
}: {
  name: FacetParam;
  values: FacetValue[];
  params: URLSearchParams;
  label?: (value: string) => string;
}) {
  const { t } = useTranslation();
  const chosen = params.get(name);
  if (values.length === 0 && !chosen) return null;
  return (
    <section className="search-facet">
      <h2>{t(`search.facet.${name}`)}</h2>
      {chosen && (
        <p>
          <strong>{label(chosen)}</strong>{" "}
          <Link to={withParam(params, name, null)}>{t("search.clearFilter")}</Link>
        </p>
      )}
      {!chosen && (
        <ul>
          {values.map((facet) => (
            <li key={facet.value}>
              <Link to={withParam(params, name, facet.value)}>{label(facet.value)}</Link>{" "}
              <span className="muted">({facet.count})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResultItem({ result }: { result: SearchResult }) {
  const { t } = useTranslation();
  return (
    <li className="search-result">
      <h3>
        {result.url ? <Link to={result.url}>{result.title}</Link> : result.title}{" "}
        <ReviewBadge state={result.reviewState} />
      </h3>
      <p className="search-result-meta muted">
        {[t(`search.kind.${result.kind}`), result.date, result.publisher, result.language]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <p className="search-snippet">
        <Snippet segments={result.snippet} />
      </p>
    </li>
  );
}

/** The snippet's pieces as text; the matched ones in <mark>. Never HTML from the server. */
function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.highlighted ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one snippet never reorder
          <mark key={index}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one snippet never reorder
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
