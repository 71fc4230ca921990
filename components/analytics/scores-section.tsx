import { Table } from "@/components/ui/table";
import type { ScoreBucketRow } from "@/lib/analytics/scores";
import { plural } from "./analytics-format";
import styles from "./analytics.module.css";
import { BarChartFigure } from "./bar-chart-figure";
import { ChartSection } from "./chart-section";

export const AI_COLOR = "#4338ca";
export const HUMAN_COLOR = "#0f766e";

interface ScoresSectionProps {
  rows: ScoreBucketRow[];
  aiScores: number;
  humanScores: number;
  hiddenSessions: number;
}

const spoken = (rows: ScoreBucketRow[], key: "ai" | "human") =>
  rows
    .filter((r) => r[key] > 0)
    .map((r) => `${r[key]} at ${r.score}`)
    .join(", ") || "none";

export function ScoresSection({ rows, aiScores, humanScores, hiddenSessions }: ScoresSectionProps) {
  const summary = `Overall scores from 1 to 5. AI: ${spoken(rows, "ai")}. Reviewers: ${spoken(rows, "human")}.`;
  return (
    <ChartSection
      id="scores-heading"
      title="Score distributions"
      description={
        <>
          The AI&apos;s overall score of each session ({plural(aiScores, "session")}) and each submitted
          scorecard&apos;s ({plural(humanScores, "scorecard")}), rounded to the nearest point.
          {hiddenSessions > 0 &&
            ` ${plural(hiddenSessions, "completed session is", "completed sessions are")} left out until you submit your own scorecard of them (blind review).`}
        </>
      }
      empty={aiScores + humanScores === 0 ? "No scores to show yet." : undefined}
      chart={
        <BarChartFigure
          summary={summary}
          categoryKey="score"
          data={rows.map((r) => ({ score: r.score, ai: r.ai, human: r.human }))}
          series={[
            { key: "ai", name: "AI", color: AI_COLOR },
            { key: "human", name: "Reviewers", color: HUMAN_COLOR },
          ]}
        />
      }
      table={
        <Table
          caption="Score distributions"
          head={
            <tr>
              <th scope="col">Score</th>
              <th scope="col">AI</th>
              <th scope="col">Reviewers</th>
            </tr>
          }
        >
          {rows.map((r) => (
            <tr key={r.score}>
              <th scope="row" className={styles.rowHeader}>
                {r.score}
              </th>
              <td className={styles.num}>{r.ai}</td>
              <td className={styles.num}>{r.human}</td>
            </tr>
          ))}
        </Table>
      }
    />
  );
}
