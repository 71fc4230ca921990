"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./analytics.module.css";

// One bar chart for every analytics figure. Screen readers get the summary (the wrapper is an image with an
// aria-label) and the table beside it; the chart itself is left out of the keyboard order (accessibilityLayer off),
// because an image must not hold focusable parts.

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

interface BarChartFigureProps {
  data: Record<string, string | number | null>[];
  /** The field naming each bar group (the x axis). */
  categoryKey: string;
  series: ChartSeries[];
  /** What the chart shows, in one or two sentences: its accessible name. */
  summary: string;
  /** Values are shares 0-1, drawn as percentages. */
  percent?: boolean;
  /** Bars run left to right, one row per category: for long category names (criteria). */
  horizontal?: boolean;
}

const HEIGHT = 260; // pixels
const ROW_HEIGHT = 44; // pixels per category of a horizontal chart
const CATEGORY_WIDTH = 170; // pixels for the names of a horizontal chart's categories
const PERCENT_TICKS = [0, 0.25, 0.5, 0.75, 1];
const asPercent = (value: unknown) => `${Math.round(Number(value) * 100)}%`;

export function BarChartFigure({
  data,
  categoryKey,
  series,
  summary,
  percent = false,
  horizontal = false,
}: BarChartFigureProps) {
  const values = {
    type: "number" as const,
    allowDecimals: percent,
    tick: { fontSize: 12 },
    domain: percent ? ([0, 1] as [number, number]) : ([0, "auto"] as [number, "auto"]),
    ticks: percent ? PERCENT_TICKS : undefined,
    tickFormatter: percent ? asPercent : undefined,
  };
  const categories = { type: "category" as const, dataKey: categoryKey, tick: { fontSize: 12 }, interval: 0 };
  const height = horizontal ? data.length * ROW_HEIGHT + 60 : HEIGHT;
  return (
    <div role="img" aria-label={summary} className={styles.chart}>
      <BarChart
        responsive
        accessibilityLayer={false}
        layout={horizontal ? "vertical" : "horizontal"}
        data={data}
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
        {horizontal ? <XAxis {...values} /> : <XAxis {...categories} />}
        {horizontal ? <YAxis {...categories} width={CATEGORY_WIDTH} /> : <YAxis {...values} width={44} />}
        <Tooltip formatter={percent ? (value) => asPercent(value) : undefined} />
        {series.length > 1 && <Legend />}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            isAnimationActive={false}
            radius={horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0]}
          />
        ))}
      </BarChart>
    </div>
  );
}
