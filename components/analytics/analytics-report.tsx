import type { AnalyticsReport } from "@/lib/analytics/report";
import { AgreementSection } from "./agreement-section";
import { durationText, percent } from "./analytics-format";
import styles from "./analytics.module.css";
import { CompletionSection } from "./completion-section";
import { FunnelSection } from "./funnel-section";
import { ScoresSection } from "./scores-section";

/** The analytics of an interview or of the company: headline figures, then each chart with its table. */
export function AnalyticsReportView({ report }: { report: AnalyticsReport }) {
  const invited = report.funnel[0]?.count ?? 0;
  if (invited === 0) {
    return <p className={styles.empty}>No invites yet. The figures appear here once candidates are invited.</p>;
  }
  const completed = report.funnel.find((r) => r.step === "completed")?.count ?? 0;
  return (
    <>
      <dl className={styles.figures}>
        <div>
          <dt>Invited</dt>
          <dd>{invited}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>
            {completed} <span className="muted">({percent(completed / invited)})</span>
          </dd>
        </div>
        <div>
          <dt>Median time to complete</dt>
          <dd>{durationText(report.median_completion_seconds)}</dd>
        </div>
      </dl>
      <FunnelSection funnel={report.funnel} />
      <CompletionSection buckets={report.completion_by_age} />
      <ScoresSection
        rows={report.score_distribution}
        aiScores={report.ai_scores}
        humanScores={report.human_scores}
        hiddenSessions={report.scores_hidden_sessions}
      />
      <AgreementSection rows={report.agreement} />
    </>
  );
}
