import { type MouseEvent, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ExtractionItemView } from "../../../domain/extraction";
import { originalToCleanedOffset } from "../../../ingest/sources/cleaning";
import type { TextEdit } from "../../../ingest/sources/contracts";
import type { TextView } from "./DocumentText";
import { originalSpans, type SpanMapper, spanRuns, spanStyleOf, spanStyles } from "./extraction-spans";

/**
 * The document's text with extraction's spans drawn by kind — each kind with its own line or fill, so
 * that colour is never the only cue, a legend, and a title on every span naming its kinds. Clicking a
 * span selects its innermost item; the list beside the text is the keyboard's way to the same items.
 */
export function ExtractionText({
  original,
  cleaned,
  edits,
  language,
  items,
  selectedId,
  onSelectItem,
  view,
  onViewChange,
}: {
  original: string;
  cleaned: string | undefined;
  edits: readonly TextEdit[];
  language: string | undefined;
  items: ExtractionItemView[];
  selectedId: string | undefined;
  onSelectItem: (id: string) => void;
  view: TextView;
  onViewChange: (view: TextView) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const hasCleaned = cleaned !== undefined && edits.length > 0;
  const showing: TextView = hasCleaned ? view : "original";
  const text = showing === "cleaned" ? (cleaned as string) : original;

  const runs = useMemo(() => {
    const mapSpan: SpanMapper =
      showing === "cleaned"
        ? (item) => ({
            start: originalToCleanedOffset(edits, item.spanStart),
            end: originalToCleanedOffset(edits, item.spanEnd),
          })
        : originalSpans;
    return spanRuns(text.length, items, mapSpan);
  }, [items, showing, text, edits]);

  useEffect(() => {
    if (!selectedId) return;
    container.current
      ?.querySelector(`[data-items~="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  const describe = (item: ExtractionItemView) => {
    const label = t(`extraction.style.${spanStyleOf(item)}`);
    const named =
      item.record?.name ??
      item.speaker?.name ??
      (item.claimType && t(`extraction.claimType.${item.claimType}`));
    return named ? `${label}: ${named}` : label;
  };

  const select = (event: MouseEvent<HTMLDivElement>) => {
    const run = (event.target as HTMLElement).closest<HTMLElement>("[data-items]");
    const innermost = run?.dataset.items?.split(" ")[0];
    if (innermost) onSelectItem(innermost);
  };

  return (
    <section className="extraction-text" aria-label={t("extraction.textLabel")}>
      {hasCleaned && (
        <fieldset className="text-view-switch" aria-label={t("documents.textView")}>
          {(["cleaned", "original"] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={showing === option}
              onClick={() => onViewChange(option)}
            >
              {t(`documents.view.${option}`)}
            </button>
          ))}
        </fieldset>
      )}
      <SpanLegend />
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the item list beside the text selects the same items by keyboard */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a click on a span is a shortcut, not the only way */}
      <div
        ref={container}
        className={`document-text document-text-${showing}`}
        lang={language}
        data-testid="extraction-text"
        onClick={select}
      >
        {runs.map((run) =>
          run.items.length === 0 ? (
            <span key={run.start}>{text.slice(run.start, run.end)}</span>
          ) : (
            <mark
              key={run.start}
              className={[
                "x-span",
                ...new Set(run.items.map((item) => `x-${spanStyleOf(item)}`)),
                run.items.some((item) => item.id === selectedId) ? "x-selected" : "",
                run.items.every((item) => item.status === "rejected") ? "x-rejected" : "",
              ]
                .filter(Boolean)
                .join(" ")}
              data-items={run.items.map((item) => item.id).join(" ")}
              title={run.items.map(describe).join(" · ")}
            >
              {text.slice(run.start, run.end)}
            </mark>
          ),
        )}
      </div>
    </section>
  );
}

/** What each kind of span looks like. */
export function SpanLegend() {
  const { t } = useTranslation();
  return (
    <ul className="extraction-legend" aria-label={t("extraction.legend")}>
      {spanStyles.map((style) => (
        <li key={style}>
          <mark className={`x-span x-${style}`}>{t(`extraction.style.${style}`)}</mark>
        </li>
      ))}
    </ul>
  );
}
