import { LocalTime } from "@/components/ui/local-time";
import type { InviteView } from "@/lib/invites/landing";
import styles from "./candidate.module.css";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Questions, attempts left and the expiry, the expiry in the candidate's own timezone. */
export function InviteFacts({ view }: { view: InviteView }) {
  return (
    <dl className={styles.facts}>
      {view.questionCount !== undefined && (
        <div>
          <dt>Questions</dt>
          <dd>{plural(view.questionCount, "question", "questions")}</dd>
        </div>
      )}
      {view.attemptsLeft !== undefined && (
        <div>
          <dt>Attempts left</dt>
          <dd>{plural(view.attemptsLeft, "attempt", "attempts")}</dd>
        </div>
      )}
      {view.expiresAt && (
        <div>
          <dt>Link valid until</dt>
          <dd>
            <LocalTime iso={view.expiresAt} />
          </dd>
        </div>
      )}
    </dl>
  );
}
