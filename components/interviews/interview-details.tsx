import { Card } from "@/components/ui/card";
import type { Competency, Criterion } from "@/lib/evaluation/rubric";
import { LocalTime } from "@/components/ui/local-time";
import { durationText } from "./interview-labels";
import styles from "./interviews.module.css";

export interface InterviewDetailsData {
  position: string | null;
  description: string | null;
  retakesAllowed: number;
  resumeGraceMinutes: number;
  /** Hours before an invite's expiry at which candidates who have not started are reminded. */
  reminderOffsetsHours?: number[];
  createdAt: string;
  competencies: Competency[];
  questions: {
    id: string;
    text: string;
    timeLimitSeconds: number;
    thinkTimeSeconds: number | null;
    criteria: Criterion[];
  }[];
}

export function InterviewDetails({ interview }: { interview: InterviewDetailsData }) {
  return (
    <>
      <Card title="Details">
        <dl className={styles.facts}>
          <div>
            <dt>Role or position</dt>
            <dd>{interview.position ?? "Not set"}</dd>
          </div>
          <div>
            <dt>Questions</dt>
            <dd>{interview.questions.length}</dd>
          </div>
          <div>
            <dt>Re-records per answer</dt>
            <dd>{interview.retakesAllowed}</dd>
          </div>
          <div>
            <dt>Resume grace window</dt>
            <dd>{interview.resumeGraceMinutes} min</dd>
          </div>
          {interview.reminderOffsetsHours && (
            <div>
              <dt>Reminders</dt>
              <dd>
                {interview.reminderOffsetsHours.length === 0
                  ? "None"
                  : `${interview.reminderOffsetsHours.map((h) => `${h} h`).join(", ")} before expiry`}
              </dd>
            </div>
          )}
          <div>
            <dt>Created</dt>
            <dd>
              <LocalTime iso={interview.createdAt} />
            </dd>
          </div>
        </dl>
        {interview.description && <p className={styles.description}>{interview.description}</p>}
      </Card>
      <Card title="Questions" description="Asked in this order.">
        <ol className={styles.readOnly}>
          {interview.questions.map((q) => (
            <li key={q.id}>
              <p>{q.text}</p>
              <p className={styles.questionMeta}>
                Answer within {durationText(q.timeLimitSeconds)}
                {q.thinkTimeSeconds ? ` · ${durationText(q.thinkTimeSeconds)} to think first` : ""}
                {q.criteria.length === 0 ? " · Not scored: answers are transcribed only" : ""}
              </p>
              {q.criteria.length > 0 && <CriteriaList criteria={q.criteria} />}
            </li>
          ))}
        </ol>
      </Card>
      {interview.competencies.length > 0 && (
        <Card title="Competencies" description="What the role calls for overall; the evaluator reads them as context.">
          <dl className={styles.rubricList}>
            {interview.competencies.map((c) => (
              <div key={c.name}>
                <dt>{c.name}</dt>
                <dd>{c.description}</dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
    </>
  );
}

function CriteriaList({ criteria }: { criteria: Criterion[] }) {
  return (
    <details className={styles.rubric}>
      <summary>
        Scored on {criteria.length === 1 ? "1 criterion" : `${criteria.length} criteria`}:{" "}
        {criteria.map((c) => c.name).join(", ")}
      </summary>
      <dl className={styles.rubricList}>
        {criteria.map((c) => (
          <div key={c.name}>
            <dt>{c.name}</dt>
            <dd>{c.good}</dd>
            <dd className={styles.questionMeta}>
              1: {c.anchors["1"]} · 3: {c.anchors["3"]} · 5: {c.anchors["5"]}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
