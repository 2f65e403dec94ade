import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrafficCategory } from "../../domain/events";
import { categoryColours } from "./corridor-labels";

/** One date of one direction: the chosen measure per category; a missing category was not reported. */
export type TrafficRow = { date: string } & Partial<Record<TrafficCategory, number>>;

export interface TrafficPanel {
  directionKey: string;
  label: string;
  rows: TrafficRow[];
}

/**
 * The traffic through a place, one small chart per direction with a shared scale, bars stacked by
 * category. Loaded on its own (React.lazy) so that the chart library stays out of the first script;
 * the page shows the same figures as a table beside it.
 */
export function TrafficChart({
  panels,
  categories,
  categoryLabel,
  yMax,
}: {
  panels: TrafficPanel[];
  categories: TrafficCategory[];
  categoryLabel: (category: TrafficCategory) => string;
  yMax: number;
}) {
  return (
    <div className="traffic-panels" aria-hidden="true">
      {panels.map((panel) => (
        <div key={panel.directionKey} className="traffic-panel" data-testid="traffic-panel">
          <h3>{panel.label}</h3>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={panel.rows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="date" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, yMax]} allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {categories.map((category) => (
                <Bar
                  key={category}
                  dataKey={category}
                  name={categoryLabel(category)}
                  stackId="categories"
                  fill={categoryColours[category]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      ))}
    </div>
  );
}
