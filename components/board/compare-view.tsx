import Link from "next/link";
import { clockText, scoreText } from "@/components/review/ai/ai-labels";
import { answerVideoId } from "@/components/review/ai/seek-video";
import { sessionHref } from "@/components/review/sessions-table";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table } from "@/components/ui/table";
import type { CompareCriterion, Comparison } from "@/lib/board/compare";
import { DECISION_LABELS } from "@/lib/decisions/labels";
import { DECISION_TONE, HIDDEN_TEXT, meanText } from "./board-labels";
import styles from "./board.module.css";

type Candidate = Comparison["candidates"][number];

const nameOf = (c: Candidate) => c.candidateName ?? c.candidateEmail ?? "Unnamed candidate";

function Hidden() {
  return <span className={styles.hidden}>{HIDDEN_TEXT}</span>;
}

function CriterionCell({ result }: { result: CompareCriterion }) {
  const { ai } = result;
  return (
    <div className={styles.criterion}>
      <p className={styles.scores}>
        <span>AI: {ai ? scoreText(ai) : "not scored"}</span>
        <span>
          Human: {meanText(result.humanMean)}
          {result.humanCount > 0 && (
            <span className={styles.sub}>
              {" "}
              ({result.humanCount} {result.humanCount === 1 ? "score" : "scores"})
            </span>
          )}
        </span>
      </p>
      {ai?.status === "scored" && ai.evidence.length > 0 && (
        <ul className={styles.quotes} aria-label={`Evidence for ${result.criterion}`}>
          {ai.evidence.map((quote, i) => (
            <li key={i}>
              <q className={styles.quote}>{quote.text}</q>{" "}
              {quote.start !== null && (
                <span className={styles.stamp}>
                  at {clockText(quote.start)}
                  {quote.end !== null && `–${clockText(quote.end)}`}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CandidateHeads({ interviewId, candidates }: { interviewId: string; candidates: Candidate[] }) {
  return (
    <tr>
      <td />
      {candidates.map((c) => (
        <th key={c.sessionId} scope="col">
          <Link href={sessionHref(interviewId, c.sessionId)}>{nameOf(c)}</Link>
        </th>
      ))}
    </tr>
  );
}

/** The candidates' overall figures, then each question: every criterion's AI and human scores, evidence and the video. */
export function CompareView({ comparison }: { comparison: Comparison }) {
  const { interview, questions, candidates } = comparison;
  const cells = (render: (c: Candidate) => React.ReactNode) =>
    candidates.map((c) => <td key={c.sessionId}>{render(c)}</td>);
  return (
    <>
      <section aria-labelledby="overall-heading" className="stack">
        <h2 id="overall-heading">Overall</h2>
        <Table
          caption="Overall scores of the compared candidates"
          head={<CandidateHeads interviewId={interview.id} candidates={candidates} />}
        >
          <tr>
            <th scope="row">AI score</th>
            {cells((c) => (c.scoresVisible ? meanText(c.aiScore) : <Hidden />))}
          </tr>
          <tr>
            <th scope="row">Human score</th>
            {cells((c) => (c.scoresVisible ? meanText(c.humanScore) : <Hidden />))}
          </tr>
          <tr>
            <th scope="row">Reviews</th>
            {cells((c) => c.reviewCount)}
          </tr>
          <tr>
            <th scope="row">Decision</th>
            {cells((c) =>
              c.decision ? <Badge tone={DECISION_TONE[c.decision]}>{DECISION_LABELS[c.decision]}</Badge> : "—",
            )}
          </tr>
          <tr>
            <th scope="row">Completed</th>
            {cells((c) => (c.completedAt ? <LocalTime iso={c.completedAt.toISOString()} /> : "—"))}
          </tr>
        </Table>
      </section>
      {questions.map((text, index) => {
        const criteria = [
          ...new Set(candidates.flatMap((c) => c.answers[index]?.criteria?.map((r) => r.criterion) ?? [])),
        ];
        const headingId = `question-${index + 1}-heading`;
        return (
          <section key={index} aria-labelledby={headingId} className={styles.question}>
            <h2 id={headingId}>Question {index + 1}</h2>
            <p className={styles.questionText}>{text}</p>
            <Table
              caption={`Question ${index + 1}, side by side`}
              head={<CandidateHeads interviewId={interview.id} candidates={candidates} />}
            >
              <tr>
                <th scope="row">Video</th>
                {cells((c) =>
                  c.answers[index]?.recorded ? (
                    <Link href={`${sessionHref(interview.id, c.sessionId)}#${answerVideoId(index)}`}>
                      Watch {nameOf(c)}&apos;s answer<span className="visually-hidden"> to question {index + 1}</span>
                    </Link>
                  ) : (
                    <span className="muted">Not recorded</span>
                  ),
                )}
              </tr>
              {criteria.map((criterion) => (
                <tr key={criterion}>
                  <th scope="row">{criterion}</th>
                  {cells((c) => {
                    const answer = c.answers[index];
                    if (!answer) return "—";
                    if (!answer.criteria) return <Hidden />;
                    const result = answer.criteria.find((r) => r.criterion === criterion);
                    return result ? <CriterionCell result={result} /> : "—";
                  })}
                </tr>
              ))}
              {criteria.length === 0 && (
                <tr>
                  <th scope="row">Scores</th>
                  {cells((c) =>
                    c.answers[index] && !c.answers[index].criteria ? (
                      <Hidden />
                    ) : (
                      <span className="muted">No criteria to score</span>
                    ),
                  )}
                </tr>
              )}
            </Table>
          </section>
        );
      })}
    </>
  );
}
