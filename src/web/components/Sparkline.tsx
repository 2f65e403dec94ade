import { useTranslation } from "react-i18next";
import { Line, LineChart, YAxis } from "recharts";
import type { Level } from "../api";

export interface HistoryPoint {
  asOf: string;
  level: Level;
  reversed: boolean;
}

/** A commitment's level over time, in a line the size of a word. */
export function Sparkline({ history }: { history: HistoryPoint[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <span className="muted">{t("level.noHistory")}</span>;
  const data = history.map((point) => ({ asOf: point.asOf, level: point.level ?? undefined }));
  const label = t("level.history", {
    points: history.map((p) => `${p.asOf}: ${p.level === null ? t("level.na") : p.level}`).join("; "),
  });
  return (
    <span className="sparkline" role="img" aria-label={label} title={label}>
      <LineChart width={90} height={22} data={data} margin={{ top: 3, bottom: 3, left: 2, right: 2 }}>
        <YAxis hide domain={[0, 3]} />
        <Line
          type="stepAfter"
          dataKey="level"
          stroke="#1f5fa8"
          strokeWidth={2}
          dot={history.length === 1}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}
