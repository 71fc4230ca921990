import { Table } from "@/components/ui/table";
import { scoreText } from "./ai-labels";
import { criteriaOf, type EvaluationVersion } from "./ai-review-data";

/** A version's scores at a glance, answer by answer, to compare with the one shown. */
export function VersionScores({ version }: { version: EvaluationVersion }) {
  const rows = version.answers.flatMap((a) =>
    (criteriaOf(version, a.answer) ?? []).map((criterion) => ({ answer: a.answer, criterion })),
  );
  if (rows.length === 0) return null;
  return (
    <Table
      caption={`AI scores in version ${version.version}`}
      head={
        <tr>
          <th scope="col">Answer</th>
          <th scope="col">Criterion</th>
          <th scope="col">AI score</th>
        </tr>
      }
    >
      {rows.map(({ answer, criterion }) => (
        <tr key={`${answer}-${criterion.criterion}`}>
          <td>{answer + 1}</td>
          <td>{criterion.criterion}</td>
          <td>{scoreText(criterion)}</td>
        </tr>
      ))}
    </Table>
  );
}
