import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import reviewStyles from "../review.module.css";
import type { DisagreementJson } from "./scorecard-labels";

/** Every disagreement with the AI on this session, kept also after later versions: where the AI may be weak. */
export function DisagreementList({ items, viewerId }: { items: DisagreementJson[]; viewerId: string }) {
  return (
    <section aria-labelledby="disagreements-heading" className="stack">
      <h3 id="disagreements-heading">Disagreements with the AI</h3>
      <p className="muted">
        Criteria where a reviewer&apos;s score and the AI&apos;s differ by 2 or more. Each is kept, also after a later
        version, so that the team can learn where the AI is weak.
      </p>
      <Table
        caption="Every disagreement with the AI on this session"
        head={
          <tr>
            <th scope="col">Reviewer</th>
            <th scope="col">Question</th>
            <th scope="col">Criterion</th>
            <th scope="col">Reviewer&apos;s score</th>
            <th scope="col">AI&apos;s score</th>
            <th scope="col">Versions (scorecard · AI)</th>
            <th scope="col">When</th>
          </tr>
        }
      >
        {items.length === 0 ? (
          <EmptyRow colSpan={7}>No disagreement so far.</EmptyRow>
        ) : (
          items.map((d) => (
            <tr key={`${d.reviewer.id}-${d.scorecard_version}-${d.answer}-${d.criterion}`}>
              <td>{d.reviewer.id === viewerId ? "You" : d.reviewer.name}</td>
              <td>{d.answer + 1}</td>
              <td>{d.criterion}</td>
              <td className={reviewStyles.num}>{d.human_score} / 5</td>
              <td className={reviewStyles.num}>{d.ai_score} / 5</td>
              <td className={reviewStyles.num}>
                {d.scorecard_version} · {d.evaluation_version ?? "—"}
              </td>
              <td>
                <LocalTime iso={d.created_at} />
              </td>
            </tr>
          ))
        )}
      </Table>
    </section>
  );
}
