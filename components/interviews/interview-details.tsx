import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { durationText } from "./interview-labels";
import styles from "./interviews.module.css";

export interface InterviewDetailsData {
  position: string | null;
  description: string | null;
  retakesAllowed: number;
  resumeGraceMinutes: number;
  createdAt: string;
  questions: { id: string; text: string; timeLimitSeconds: number; thinkTimeSeconds: number | null }[];
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
              </p>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
