import { type PointerEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DayRange, isoOfDay } from "./point-set";
import type { Histogram } from "./timeline-bins";

/**
 * The histogram under the map with a brush: drag across it to choose a date range, drag the
 * range to move it, drag an edge to resize it, click outside it to clear it. The range is
 * committed when the drag ends (the map and the table then follow); while dragging only the
 * timeline itself redraws. The date fields beside it do the same from the keyboard.
 */

const width = 1000;
const height = 72;
/** Within this many screen pixels of an edge of the range, a drag moves that edge. */
const edgeGrip = 6;

type Drag =
  | { mode: "new"; anchor: number }
  | { mode: "move"; grabbedAt: number; original: DayRange }
  | { mode: "resize"; fixed: number };

export function Timeline({
  histogram,
  selection,
  onBrush,
  countIn,
}: {
  histogram: Histogram | null;
  selection: DayRange | null;
  onBrush: (range: DayRange | null) => void;
  /** Incidents within a range, counted exactly (bins can straddle its ends). */
  countIn: (range: DayRange) => number;
}) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const [draft, setDraftState] = useState<DayRange | null>(selection);
  // The pointer's handlers read the range from here: a release can come before React re-renders.
  const latest = useRef<DayRange | null>(selection);
  const setDraft = (range: DayRange | null) => {
    latest.current = range;
    setDraftState(range);
  };
  const drag = useRef<{ drag: Drag; startX: number; moved: boolean } | null>(null);
  const [selectedFrom, selectedTo] = selection ?? [null, null];
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the range's values, not its array
  useEffect(
    () => setDraft(selectedFrom === null ? null : [selectedFrom, selectedTo as number]),
    [selectedFrom, selectedTo],
  );

  if (!histogram) return <p className="muted">{t("map.timeline.empty")}</p>;
  const [first, last] = histogram.span;
  const days = last - first + 1;
  const xOf = (day: number) => ((day - first) / days) * width;
  const clampDay = (day: number) => Math.min(last, Math.max(first, Math.round(day)));

  const dayAt = (clientX: number) => {
    const rect = (svg.current as SVGSVGElement).getBoundingClientRect();
    return clampDay(first + ((clientX - rect.left) / rect.width) * days - 0.5);
  };
  const pixelsPerDay = () => (svg.current as SVGSVGElement).getBoundingClientRect().width / days;

  function onPointerDown(event: PointerEvent<SVGSVGElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const day = dayAt(event.clientX);
    const grip = edgeGrip / pixelsPerDay();
    let next: Drag = { mode: "new", anchor: day };
    const current = latest.current;
    if (current) {
      const [from, to] = current;
      if (Math.abs(day - from) <= grip) next = { mode: "resize", fixed: to };
      else if (Math.abs(day - to) <= grip) next = { mode: "resize", fixed: from };
      else if (day > from && day < to) next = { mode: "move", grabbedAt: day, original: current };
    }
    drag.current = { drag: next, startX: event.clientX, moved: false };
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    const state = drag.current;
    if (!state) return;
    if (Math.abs(event.clientX - state.startX) > 3) state.moved = true;
    if (!state.moved) return;
    const day = dayAt(event.clientX);
    const d = state.drag;
    if (d.mode === "new") setDraft([Math.min(d.anchor, day), Math.max(d.anchor, day)]);
    else if (d.mode === "resize") setDraft([Math.min(d.fixed, day), Math.max(d.fixed, day)]);
    else {
      const length = d.original[1] - d.original[0];
      const from = Math.min(last - length, Math.max(first, d.original[0] + day - d.grabbedAt));
      setDraft([from, from + length]);
    }
  }

  function onPointerUp() {
    const state = drag.current;
    drag.current = null;
    if (!state) return;
    if (!state.moved) {
      // A click, not a drag: outside the range it clears it; inside it keeps it.
      const inside = latest.current && state.drag.mode !== "new";
      if (!inside) {
        setDraft(null);
        onBrush(null);
      }
      return;
    }
    onBrush(latest.current);
  }

  const shown = draft ?? [first, last];
  const inShown = (from: number, to: number) => to >= shown[0] && from <= shown[1];
  const barHeight = (n: number) => (histogram.max === 0 ? 0 : (n / histogram.max) * (height - 4));

  return (
    <div className="incident-timeline" data-testid="timeline">
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t("map.timeline.label", { unit: t(`map.timeline.unit.${histogram.unit}`) })}
        data-testid="timeline-brush"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {histogram.bins.map((bin) => {
          const x = xOf(bin.from);
          const w = Math.max(0.5, xOf(bin.to + 1) - x - (days / histogram.bins.length > 1 ? 0.6 : 0));
          const active = inShown(bin.from, bin.to);
          const hi = barHeight(bin.incidents);
          const hs = barHeight(bin.signals);
          return (
            <g key={bin.from} className={active ? "tl-bin active" : "tl-bin"}>
              {bin.incidents > 0 && <rect className="tl-bar" x={x} y={height - hi} width={w} height={hi} />}
              {bin.signals > 0 && (
                <rect className="tl-bar signals" x={x} y={height - hi - hs} width={w} height={hs} />
              )}
            </g>
          );
        })}
        {draft && (
          <rect
            className="tl-brush"
            data-testid="timeline-selection"
            x={xOf(draft[0])}
            y={0}
            width={Math.max(1, xOf(draft[1] + 1) - xOf(draft[0]))}
            height={height}
          />
        )}
      </svg>
      <div className="incident-timeline-axis small muted">
        <span>{isoOfDay(first)}</span>
        <span data-testid="timeline-summary">
          {draft
            ? t("map.timeline.selected", {
                from: isoOfDay(draft[0]),
                to: isoOfDay(draft[1]),
                count: countIn(draft),
              })
            : t("map.timeline.hint", { unit: t(`map.timeline.unit.${histogram.unit}`) })}
        </span>
        <span>{isoOfDay(last)}</span>
      </div>
    </div>
  );
}
