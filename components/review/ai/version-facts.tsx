import { LocalTime } from "@/components/ui/local-time";
import styles from "../review.module.css";
import { costText, latencyText, requestedByText, tokensText } from "./ai-labels";
import type { EvaluationVersion } from "./ai-review-data";

/** When a version was asked for and by whom, what ran it and what it cost. */
export function VersionFacts({ version }: { version: EvaluationVersion }) {
  return (
    <dl className={styles.versionFacts}>
      <div>
        <dt>Asked for</dt>
        <dd>
          <LocalTime iso={version.created_at} />
        </dd>
      </div>
      <div>
        <dt>By</dt>
        <dd>{requestedByText(version)}</dd>
      </div>
      {version.completed_at && (
        <div>
          <dt>Completed</dt>
          <dd>
            <LocalTime iso={version.completed_at} />
          </dd>
        </div>
      )}
      <div>
        <dt>Model</dt>
        <dd>{version.model}</dd>
      </div>
      <div>
        <dt>Prompt version</dt>
        <dd className={styles.mono}>{version.prompt_version}</dd>
      </div>
      <div>
        <dt>Tokens</dt>
        <dd>{tokensText(version.input_tokens, version.output_tokens)}</dd>
      </div>
      <div>
        <dt>Time taken</dt>
        <dd>{latencyText(version.latency_ms)}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{costText(version.cost_usd)}</dd>
      </div>
    </dl>
  );
}
