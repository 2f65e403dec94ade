import type { DayRange } from "./point-set";

/**
 * The timeline's histogram: incidents per day, week or month, whichever gives a readable number of
 * bars for the span. Days are days since 1970-01-01 (UTC), as the map's data carries them.
 */

export type BinUnit = "day" | "week" | "month";

export function unitForSpan(days: number): BinUnit {
  if (days <= 200) return "day";
  if (days <= 366 * 4) return "week";
  return "month";
}

/** 1970-01-05, day 4, was a Monday: weeks start on Mondays (ISO 8601). */
const mondayOffset = 4;

export function binStart(day: number, unit: BinUnit): number {
  if (unit === "day") return day;
  if (unit === "week") return day - ((((day - mondayOffset) % 7) + 7) % 7);
  const date = new Date(day * 86_400_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000;
}

export function nextBinStart(start: number, unit: BinUnit): number {
  if (unit === "day") return start + 1;
  if (unit === "week") return start + 7;
  const date = new Date(start * 86_400_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 86_400_000;
}

export interface Bin {
  /** First and last day of the bin, both included. */
  from: number;
  to: number;
  incidents: number;
  signals: number;
}

export interface Histogram {
  unit: BinUnit;
  bins: Bin[];
  /** The whole span drawn: the first bin's first day to the last bin's last day. */
  span: DayRange;
  max: number;
}

/**
 * Counts per bin over [first, last] of the days given; `isSignal(i)` sorts an entry into the
 * signals' series, drawn apart. Every day between gets its bin, empty ones included: a gap in
 * reporting shows as a gap.
 */
export function histogram(days: ArrayLike<number>, isSignal: (i: number) => boolean): Histogram | null {
  if (days.length === 0) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as number;
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const unit = unitForSpan(last - first + 1);
  const bins: Bin[] = [];
  const index = new Map<number, number>();
  for (let start = binStart(first, unit); start <= last; start = nextBinStart(start, unit)) {
    index.set(start, bins.length);
    bins.push({ from: start, to: nextBinStart(start, unit) - 1, incidents: 0, signals: 0 });
  }
  for (let i = 0; i < days.length; i++) {
    const bin = bins[index.get(binStart(days[i] as number, unit)) as number] as Bin;
    if (isSignal(i)) bin.signals++;
    else bin.incidents++;
  }
  const max = bins.reduce((m, bin) => Math.max(m, bin.incidents + bin.signals), 0);
  const lastBin = bins[bins.length - 1] as Bin;
  return { unit, bins, span: [(bins[0] as Bin).from, lastBin.to], max };
}
