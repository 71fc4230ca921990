import { Badge, type BadgeTone } from "@/components/ui/badge";
import styles from "../review.module.css";
import { otherVersionsTitle } from "./ai-labels";
import type { EvaluationVersion } from "./ai-review-data";
import { VersionFacts } from "./version-facts";
import { VersionScores } from "./version-scores";

const STATUS: Record<EvaluationVersion["status"], { label: string; tone: BadgeTone }> = {
  running: { label: "Running", tone: "warning" },
  completed: { label: "Completed", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

/** The versions not shown above, closed by default; each keeps its facts and its scores. */
export function EvaluationVersions({
  shownVersion,
  versions,
}: {
  shownVersion: number | null;
  versions: EvaluationVersion[];
}) {
  if (versions.length === 0) return null;
  return (
    <details className={styles.versions}>
      <summary>{otherVersionsTitle(shownVersion, versions)}</summary>
      <ol className={styles.versionList}>
        {versions.map((version) => (
          <li key={version.version}>
            <h3 id={`ai-version-${version.version}-heading`} className={styles.chips}>
              Version {version.version} <Badge tone={STATUS[version.status].tone}>{STATUS[version.status].label}</Badge>
            </h3>
            <VersionFacts version={version} />
            {version.error && <p className={styles.aiError}>{version.error}</p>}
            <VersionScores version={version} />
          </li>
        ))}
      </ol>
    </details>
  );
}
