"use client";

import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import styles from "./room.module.css";

/** The start endpoint's 409 reasons for "this session cannot be continued here"; nothing was used by the refusal. */
export const RESUME_REFUSALS = ["resume_conflict", "resume_expired", "resume_missing"] as const;
export type ResumeRefusal = (typeof RESUME_REFUSALS)[number];
export const isResumeRefusal = (code: string): code is ResumeRefusal =>
  (RESUME_REFUSALS as readonly string[]).includes(code);

const WHY: Record<ResumeRefusal, { title: string; text: string }> = {
  resume_conflict: {
    title: "This interview was continued in another tab or window",
    text: "An interview runs in one place at a time. If it is still open in another tab, window or device, carry on there and close this page.",
  },
  resume_expired: {
    title: "Your interview can no longer be continued",
    text: "It was inactive for longer than this interview allows, so it cannot pick up where you left off.",
  },
  resume_missing: {
    title: "This browser cannot continue your interview",
    text: "It was started in another browser or on another device. If you can, carry on there.",
  },
};

/**
 * Continuing was refused and nothing was used: the candidate decides whether to spend an attempt on starting over
 * (a start with mode "new"), or to go back to where the interview runs.
 */
export function ResumeChoice(props: {
  code: ResumeRefusal;
  attemptsLeft: number;
  companyName: string;
  onStartNew: () => void;
}) {
  const why = WHY[props.code];
  const left = props.attemptsLeft;
  return (
    <section aria-labelledby="resume-choice-title" className={styles.step}>
      <div role="alert" className={cx(styles.notice, styles.info)}>
        <h2 id="resume-choice-title">{why.title}</h2>
        <p>{why.text}</p>
      </div>
      {left > 0 ? (
        <>
          <p>
            You can also start over here. A new attempt begins at the first question, and the attempt you started before
            ends. This invitation has {left} attempt{left === 1 ? "" : "s"} left.
          </p>
          <div>
            <Button onClick={props.onStartNew}>Start a new attempt (uses 1 of {left})</Button>
          </div>
        </>
      ) : (
        <p>
          There are no attempts left to start over with. If something went wrong, contact {props.companyName}; they can
          allow another attempt.
        </p>
      )}
    </section>
  );
}
