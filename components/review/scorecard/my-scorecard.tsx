"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/http/server-action";
import type { MyScorecardJson } from "@/lib/scorecards/queries";
import { ScorecardForm, type ScorecardAction } from "./scorecard-form";
import { disagreementsOfCard, type DisagreementJson, type RubricAnswer } from "./scorecard-labels";
import styles from "./scorecard.module.css";
import { SubmittedScorecard } from "./submitted-scorecard";

interface MyScorecardProps {
  sessionId: string;
  viewerId: string;
  rubric: RubricAnswer[];
  mine: MyScorecardJson | null;
  disagreements: DisagreementJson[];
  saveDraft: ScorecardAction;
  submit: ScorecardAction;
}

const HEADING_ID = "my-scorecard-heading";

/** The viewer's scorecard: the form until submitted; then the submitted card with "Edit", which submits the next version. */
export function MyScorecard({ sessionId, viewerId, rubric, mine, disagreements, saveDraft, submit }: MyScorecardProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<FormState>({});
  const submitted = mine?.status === "submitted";
  const onSubmitted = (state: FormState) => {
    setEditing(false);
    setOutcome(state);
    router.refresh();
    // The form is gone once the page refreshes: focus moves to the card that replaced it.
    setTimeout(() => document.getElementById("my-scorecard")?.focus(), 0);
  };

  const startEditing = () => {
    setOutcome({});
    setEditing(true);
  };

  return (
    <section id="my-scorecard" className={styles.panel} aria-labelledby={HEADING_ID} tabIndex={-1}>
      {submitted && !editing ? (
        <>
          <SubmittedScorecard
            headingId={HEADING_ID}
            title="Your scorecard"
            who="You"
            card={mine}
            rubric={rubric}
            marks={disagreementsOfCard(disagreements, viewerId, mine.version)}
            privateNote={mine.private_note}
          />
          <div className={styles.actions}>
            <Button variant="secondary" onClick={startEditing}>
              Edit (creates version {mine.version + 1})
            </Button>
          </div>
        </>
      ) : (
        <>
          <h3 id={HEADING_ID}>
            {submitted
              ? `Edit your scorecard (version ${mine!.version + 1})`
              : mine
                ? "Your scorecard (draft)"
                : "Your scorecard"}
          </h3>
          <p className="muted">
            {submitted
              ? `Submitting keeps version ${mine!.version} on record and shows the others this one.`
              : "Score each criterion from 1 to 5 against its anchors. Save a draft as often as you like; submit once you are done."}
          </p>
          <ScorecardForm
            sessionId={sessionId}
            rubric={rubric}
            initial={mine}
            nextVersion={(mine?.version ?? 0) + 1}
            saveDraft={submitted ? undefined : saveDraft}
            submit={submit}
            onSubmitted={onSubmitted}
            onCancel={submitted ? () => setEditing(false) : undefined}
          />
        </>
      )}
      <FormMessage state={outcome} compact />
    </section>
  );
}
