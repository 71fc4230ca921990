import { DisagreementList } from "./disagreement-list";
import { MyScorecard } from "./my-scorecard";
import type { ScorecardAction } from "./scorecard-form";
import { disagreementsOfCard, othersCountText, type ScorecardsJson } from "./scorecard-labels";
import styles from "./scorecard.module.css";
import { ScoresHiddenNotice } from "./scores-hidden-notice";
import { SubmittedScorecard } from "./submitted-scorecard";

interface ScorecardSectionProps {
  sessionId: string;
  viewerId: string;
  completed: boolean;
  view: ScorecardsJson;
  /** Absent for a viewer who may not score ("scorecards.write"). */
  actions?: { saveDraft: ScorecardAction; submit: ScorecardAction };
}

/** The session's scorecards: the viewer's own, the others' once blind review allows, and the disagreements with the AI. */
export function ScorecardSection({ sessionId, viewerId, completed, view, actions }: ScorecardSectionProps) {
  const disagreements = view.disagreements.hidden ? [] : view.disagreements.items;
  return (
    <section aria-labelledby="scorecards-heading" className="stack">
      <h2 id="scorecards-heading" tabIndex={-1}>
        Scorecards
      </h2>
      {!completed ? (
        <p className="muted">Scoring opens once the candidate has completed the interview.</p>
      ) : view.rubric.length === 0 ? (
        <p className="muted">No question of this interview has scoring criteria, so there is nothing to score.</p>
      ) : (
        actions && (
          <MyScorecard
            sessionId={sessionId}
            viewerId={viewerId}
            rubric={view.rubric}
            mine={view.mine}
            disagreements={disagreements}
            {...actions}
          />
        )
      )}
      <section aria-labelledby="other-scorecards-heading" className="stack">
        <h3 id="other-scorecards-heading">Other reviewers</h3>
        {view.others.hidden ? (
          <>
            <p>{othersCountText(view.others.count)}</p>
            <ScoresHiddenNotice what="Their scores are hidden" />
          </>
        ) : view.others.items.length === 0 ? (
          <p className="muted">{othersCountText(0)}</p>
        ) : (
          <ul className={styles.cards}>
            {view.others.items.map((card) => (
              <li key={card.id} className={styles.panel}>
                <SubmittedScorecard
                  headingId={`scorecard-${card.id}`}
                  title={`${card.reviewer.name}'s scorecard`}
                  who={card.reviewer.name}
                  card={card}
                  rubric={view.rubric}
                  marks={disagreementsOfCard(disagreements, card.reviewer.id, card.version)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      {!view.disagreements.hidden && <DisagreementList items={disagreements} viewerId={viewerId} />}
    </section>
  );
}
