import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table } from "@/components/ui/table";
import type { Recommendation, ScorecardScore } from "@/lib/scorecards/kinds";
import reviewStyles from "../review.module.css";
import {
  disagreementText,
  meanText,
  RECOMMENDATION_TEXT,
  type DisagreementJson,
  type RubricAnswer,
} from "./scorecard-labels";
import styles from "./scorecard.module.css";

interface SubmittedScorecardProps {
  headingId: string;
  title: string;
  /** "You" or the reviewer's name, for "You gave 2, the AI 5". */
  who: string;
  card: {
    version: number;
    scores: ScorecardScore[];
    recommendation: Recommendation | null;
    overall_score: number | null;
    submitted_at: string | null;
  };
  rubric: RubricAnswer[];
  /** This version's disagreements with the AI, by "answer:criterion". */
  marks: Map<string, DisagreementJson>;
  /** The author's own card only. */
  privateNote?: string | null;
}

/** A submitted scorecard, read-only: recommendation, mean, and each criterion's score and note; disagreements marked. */
export function SubmittedScorecard({
  headingId,
  title,
  who,
  card,
  rubric,
  marks,
  privateNote,
}: SubmittedScorecardProps) {
  const question = (answer: number) => rubric.find((a) => a.answer === answer)?.question ?? "";
  return (
    <>
      <h3 id={headingId} className={reviewStyles.chips}>
        {title} <Badge tone="primary">Version {card.version}</Badge>
      </h3>
      <dl className={reviewStyles.facts}>
        <div>
          <dt>Recommendation</dt>
          <dd>{card.recommendation ? RECOMMENDATION_TEXT[card.recommendation] : "—"}</dd>
        </div>
        <div>
          <dt>Mean score</dt>
          <dd>{meanText(card.overall_score)}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{card.submitted_at ? <LocalTime iso={card.submitted_at} /> : "—"}</dd>
        </div>
      </dl>
      <Table
        caption={`${title}: scores`}
        head={
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Criterion</th>
            <th scope="col">Score</th>
            <th scope="col">Note</th>
          </tr>
        }
      >
        {card.scores.map((s) => {
          const mark = marks.get(`${s.answer}:${s.criterion}`);
          return (
            <tr key={`${s.answer}:${s.criterion}`} className={mark ? styles.disagreement : undefined}>
              <td title={question(s.answer)}>{s.answer + 1}</td>
              <td>{s.criterion}</td>
              <td className={reviewStyles.num}>
                {s.score ?? "—"} / 5
                {mark && (
                  <>
                    {" "}
                    <Badge tone="warning">{disagreementText(mark, who)}</Badge>
                  </>
                )}
              </td>
              <td>{s.note ?? ""}</td>
            </tr>
          );
        })}
      </Table>
      {privateNote && (
        <div>
          <p className={styles.noteLabel}>Your private note (only you see it)</p>
          <p className={styles.privateNote}>{privateNote}</p>
        </div>
      )}
    </>
  );
}
