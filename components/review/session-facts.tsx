import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { SessionDetailJson } from "@/lib/review/serialize";
import { LiveBadge } from "./live-badge";
import { durationMsText, SESSION_STATUS_LABELS } from "./review-labels";
import styles from "./review.module.css";

export function SessionFacts({ session }: { session: SessionDetailJson }) {
  const status = SESSION_STATUS_LABELS[session.status];
  const ready = session.answers.filter((a) => a.recording?.status === "ready").length;
  return (
    <Card title="Session">
      <dl className={styles.facts}>
        <div>
          <dt>Status</dt>
          <dd className={styles.chips}>
            <Badge tone={status.tone}>{status.label}</Badge>
            {session.live && (
              <LiveBadge
                currentQuestion={session.current_question}
                questionCount={session.question_count}
                inRoom={session.candidate_in_room === true}
              />
            )}
          </dd>
        </div>
        <div>
          <dt>Attempt</dt>
          <dd>{session.attempt_number}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <LocalTime iso={session.started_at} precision="seconds" />
          </dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{session.ended_at ? <LocalTime iso={session.ended_at} precision="seconds" /> : "Not yet"}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{durationMsText(session.duration_ms)}</dd>
        </div>
        <div>
          <dt>Answers ready</dt>
          <dd>
            {ready} of {session.question_count}
          </dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>
            <LocalTime iso={session.last_activity_at} precision="seconds" />
          </dd>
        </div>
      </dl>
    </Card>
  );
}
