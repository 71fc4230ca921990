import { Table } from "@/components/ui/table";
import type { FunnelRow } from "@/lib/analytics/funnel";
import { FUNNEL_LABELS, percent } from "./analytics-format";
import styles from "./analytics.module.css";
import { BarChartFigure } from "./bar-chart-figure";
import { ChartSection } from "./chart-section";

export function FunnelSection({ funnel }: { funnel: FunnelRow[] }) {
  const summary = `Funnel of invites: ${funnel.map((r) => `${r.count} ${FUNNEL_LABELS[r.step].toLowerCase()}`).join(", ")}.`;
  return (
    <ChartSection
      id="funnel-heading"
      title="Funnel"
      description="Each invite counts at every step up to the furthest it reached. Drop-off: the invites that reached the step before but not this one; conversion: the share of the step before that reached this one."
      chart={
        <BarChartFigure
          summary={summary}
          categoryKey="label"
          data={funnel.map((r) => ({ label: FUNNEL_LABELS[r.step], count: r.count }))}
          series={[{ key: "count", name: "Invites", color: "#4338ca" }]}
        />
      }
      table={
        <Table
          caption="Funnel figures"
          head={
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Invites</th>
              <th scope="col">Drop-off</th>
              <th scope="col">Conversion</th>
            </tr>
          }
        >
          {funnel.map((r) => (
            <tr key={r.step}>
              <th scope="row" className={styles.rowHeader}>
                {FUNNEL_LABELS[r.step]}
              </th>
              <td className={styles.num}>{r.count}</td>
              <td className={styles.num}>{r.step === "invited" ? "—" : r.drop_off}</td>
              <td className={styles.num}>{percent(r.conversion)}</td>
            </tr>
          ))}
        </Table>
      }
    />
  );
}
