import { Table } from "@/components/ui/table";
import type { AgeBucketRow } from "@/lib/analytics/completion";
import { percent } from "./analytics-format";
import styles from "./analytics.module.css";
import { BarChartFigure } from "./bar-chart-figure";
import { ChartSection } from "./chart-section";

export function CompletionSection({ buckets }: { buckets: AgeBucketRow[] }) {
  const filled = buckets.filter((b) => b.invited > 0);
  const summary = `Completion rate by invite age: ${filled.map((b) => `${b.label}, ${percent(b.rate)} of ${b.invited}`).join("; ")}.`;
  return (
    <ChartSection
      id="completion-heading"
      title="Completion by invite age"
      description="Invites grouped by how long ago they were sent, and the share of each group that completed: young invites have had less time."
      chart={
        <BarChartFigure
          summary={summary}
          percent
          categoryKey="label"
          data={buckets.map((b) => ({ label: b.label, rate: b.rate ?? 0 }))}
          series={[{ key: "rate", name: "Completed", color: "#4338ca" }]}
        />
      }
      table={
        <Table
          caption="Completion by invite age"
          head={
            <tr>
              <th scope="col">Invite age</th>
              <th scope="col">Invites</th>
              <th scope="col">Completed</th>
              <th scope="col">Rate</th>
            </tr>
          }
        >
          {buckets.map((b) => (
            <tr key={b.bucket}>
              <th scope="row" className={styles.rowHeader}>
                {b.label}
              </th>
              <td className={styles.num}>{b.invited}</td>
              <td className={styles.num}>{b.completed}</td>
              <td className={styles.num}>{percent(b.rate)}</td>
            </tr>
          ))}
        </Table>
      }
    />
  );
}
