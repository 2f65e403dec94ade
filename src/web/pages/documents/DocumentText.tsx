import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { originalToCleanedOffset } from "../../../ingest/sources/cleaning";
import type { TextEdit } from "../../../ingest/sources/contracts";
import { type Highlight, offsetOfPoint, type Segment, segmentText } from "./text-segments";
import type { EvidenceLinkView } from "./types";

export type TextView = "cleaned" | "original";
export type Passage = { start: number; end: number };

/**
 * A document's text, cleaned (the default) or as received with cleaning's edits shown, the cited
 * passages highlighted. In the original view a selection is reported as offsets into the original
 * text (`onSelect`), which is what evidence links store.
 */
export function DocumentText({
  original,
  cleaned,
  edits,
  evidence,
  focus,
  language,
  view,
  onViewChange,
  onSelect,
}: {
  original: string;
  cleaned: string | undefined;
  edits: readonly TextEdit[];
  evidence: EvidenceLinkView[];
  focus: Passage | undefined;
  language: string | undefined;
  view: TextView;
  onViewChange: (view: TextView) => void;
  onSelect?: (passage: Passage) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const hasCleaned = cleaned !== undefined && edits.length > 0;
  const showing: TextView = hasCleaned ? view : "original";
  const text = showing === "cleaned" ? (cleaned as string) : original;

  const segments = useMemo(() => {
    const highlights: Highlight[] = evidence.flatMap((link) => passageOf(link, showing));
    if (focus)
      highlights.push(
        showing === "cleaned"
          ? {
              start: originalToCleanedOffset(edits, focus.start),
              end: originalToCleanedOffset(edits, focus.end),
              focused: true,
            }
          : { ...focus, focused: true },
      );
    return segmentText(text.length, showing === "original" ? edits : [], highlights);
  }, [evidence, focus, showing, text, edits]);

  useEffect(() => {
    if (focus) container.current?.querySelector(".focused")?.scrollIntoView({ block: "center" });
  }, [focus]);

  useEffect(() => {
    if (!onSelect || showing !== "original") return;
    const reportSelection = () => {
      const selection = window.getSelection();
      const element = container.current;
      if (!selection || selection.isCollapsed || !element || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return;
      const start = offsetOfPoint(element, range.startContainer, range.startOffset);
      const end = offsetOfPoint(element, range.endContainer, range.endOffset);
      if (start !== undefined && end !== undefined && end > start) onSelect({ start, end });
    };
    document.addEventListener("selectionchange", reportSelection);
    return () => document.removeEventListener("selectionchange", reportSelection);
  }, [onSelect, showing]);

  return (
    <section className="document-body">
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
      <p className="muted">
        {showing === "cleaned"
          ? t("documents.cleanedNote", { count: edits.length })
          : hasCleaned
            ? t("documents.originalNote")
            : t("documents.originalOnly")}
      </p>
      <div
        ref={container}
        className={`document-text document-text-${showing}`}
        lang={language}
        data-testid="document-text"
      >
        {segments.map((segment) => (
          <SegmentView key={segment.start} segment={segment} text={text} />
        ))}
      </div>
    </section>
  );
}

function passageOf(link: EvidenceLinkView, view: TextView): Highlight[] {
  const start = view === "cleaned" ? link.cleanedStart : link.passageStart;
  const end = view === "cleaned" ? link.cleanedEnd : link.passageEnd;
  if (start === null || end === null || end <= start) return [];
  return [{ start, end, title: link.note || link.documentTitle }];
}

/** One run: its own element carries its offsets, so a selection inside it can be measured. */
function SegmentView({ segment, text }: { segment: Segment; text: string }) {
  const { t } = useTranslation();
  const content = text.slice(segment.start, segment.end);
  const offsets = { "data-start": segment.start, "data-end": segment.end };
  let node: ReactNode = segment.edit ? (
    <del
      {...offsets}
      className={`cleaning-edit rule-${segment.edit.rule}`}
      title={t("documents.removedBy", { rule: segment.edit.rule })}
    >
      {content}
    </del>
  ) : (
    <span {...offsets}>{content}</span>
  );
  if (segment.marked)
    node = (
      <mark className={segment.focused ? "focused" : undefined} title={segment.title}>
        {node}
      </mark>
    );
  if (!segment.replacement) return node;
  return (
    <>
      {node}
      <ins
        data-start={segment.end}
        data-end={segment.end}
        data-inserted=""
        className="cleaning-replacement"
        title={t("documents.insertedBy", { rule: segment.edit?.rule })}
      >
        {segment.replacement}
      </ins>
    </>
  );
}
