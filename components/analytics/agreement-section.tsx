import { Table } from "@/components/ui/table";
import type { CriterionAgreement } from "@/lib/analytics/agreement";
import { kappaText, percent } from "./analytics-format";
import styles from "./analytics.module.css";
import { BarChartFigure } from "./bar-chart-figure";
import { ChartSection } from "./chart-section";
import { HUMAN_COLOR } from "./scores-section";

export function AgreementSection({ rows }: { rows: CriterionAgreement[] }) {
  const summary = `Share of reviewer scores within 1 point of the AI's, per criterion: ${rows.map((r) => `${r.criterion} ${percent(r.within_one)} of ${r.pairs}`).join("; ")}.`;
  return (
    <ChartSection
      id="agreement-heading"
      title="AI and reviewer agreement"
      description="Per criterion: each submitted scorecard's score of an answer against the AI's score of the same answer. Weighted kappa (quadratic weights) corrects for agreement by chance: 1 is perfect, 0 no better than chance."
      empty={
        rows.length === 0
          ? "Nothing to compare yet: agreement needs a submitted scorecard of a session the AI has scored."
          : undefined
      }
      chart={
        <BarChartFigure
          summary={summary}
          percent
          horizontal
          categoryKey="criterion"
          data={rows.map((r) => ({ criterion: r.criterion, within: r.within_one ?? 0 }))}
          series={[{ key: "within", name: "Within 1 point", color: HUMAN_COLOR }]}
        />
      }
      table={
        <Table
          caption="Agreement per criterion"
          head={
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Pairs</th>
              <th scope="col">Within 1 point</th>
              <th scope="col">Weighted kappa</th>
            </tr>
          }
        >
          {rows.map((r) => (
            <tr key={r.criterion}>
              <th scope="row" className={styles.rowHeader}>
                {r.criterion}
              </th>
              <td className={styles.num}>{r.pairs}</td>
              <td className={styles.num}>{percent(r.within_one)}</td>
              <td className={styles.num}>{kappaText(r.kappa)}</td>
            </tr>
          ))}
        </Table>
      }
    />
  );
}
