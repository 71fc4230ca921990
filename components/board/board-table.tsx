import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import { sessionHref } from "@/components/review/sessions-table";
import { DECISION_LABELS } from "@/lib/decisions/labels";
import type { BoardRow } from "@/lib/board/board";
import { BOARD_SORTS, type BoardSort } from "@/lib/board/query";
import { ariaSort, DECISION_TONE, HIDDEN_TEXT, meanText, SORT_LABELS, sortHref, type BoardView } from "./board-labels";
import styles from "./board.module.css";
import { SinceTime } from "./since-time";

const MY_REVIEW_TEXT = { none: "Not started", draft: "Draft", submitted: "Submitted" } as const;
const NUMERIC: readonly BoardSort[] = ["ai_score", "human_score", "review_count"];

interface BoardTableProps {
  interviewId: string;
  basePath: string;
  view: BoardView;
  rows: BoardRow[];
  /** The server's clock for "3 days ago" (the browser's takes over once hydrated). */
  now: string;
  empty: React.ReactNode;
}

function SortHeader({ basePath, view, column }: { basePath: string; view: BoardView; column: BoardSort }) {
  const sort = ariaSort(view, column);
  return (
    <th scope="col" aria-sort={sort}>
      <Link href={sortHref(basePath, view, column)} className={styles.sortLink}>
        {SORT_LABELS[column]}
        <span className={styles.sortIcon} aria-hidden="true">
          {sort === "ascending" ? "▲" : sort === "descending" ? "▼" : "↕"}
        </span>
        <span className="visually-hidden">, sort {sort === "ascending" ? "descending" : "ascending"}</span>
      </Link>
    </th>
  );
}

const score = (row: BoardRow, value: number | null) =>
  row.scores_hidden ? (
    <span className={styles.hidden} title={HIDDEN_TEXT}>
      Hidden<span className="visually-hidden"> until you submit your scorecard</span>
    </span>
  ) : (
    meanText(value)
  );

/** The ranked board: one row per candidate, a checkbox to pick candidates to compare, sortable column headers. */
export function BoardTable({ interviewId, basePath, view, rows, now, empty }: BoardTableProps) {
  return (
    <Table
      caption="Candidates, ranked"
      head={
        <tr>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
          {BOARD_SORTS.map((column) => (
            <SortHeader key={column} basePath={basePath} view={view} column={column} />
          ))}
          <th scope="col">My review</th>
        </tr>
      }
    >
      {rows.length === 0 && <EmptyRow colSpan={BOARD_SORTS.length + 2}>{empty}</EmptyRow>}
      {rows.map((row) => {
        const name = row.candidate_name ?? row.candidate_email ?? "Unnamed candidate";
        return (
          <tr key={row.session_id}>
            <td>
              <input
                type="checkbox"
                name="s"
                value={row.session_id}
                className={styles.check}
                aria-label={`Compare ${name}`}
              />
            </td>
            <td>
              <span className={styles.candidate}>
                <Link href={sessionHref(interviewId, row.session_id)} className={styles.candidateName}>
                  {name}
                  <span className="visually-hidden">, attempt {row.attempt_number}</span>
                </Link>
                {row.candidate_email && row.candidate_name && <span className={styles.sub}>{row.candidate_email}</span>}
                {row.attempt_number > 1 && <span className={styles.sub}>Attempt {row.attempt_number}</span>}
              </span>
            </td>
            {NUMERIC.map((column) => (
              <td key={column} className={styles.num}>
                {column === "review_count"
                  ? row.review_count
                  : score(row, column === "ai_score" ? row.ai_score : row.human_score)}
              </td>
            ))}
            <td>
              {row.decision ? (
                <Badge tone={DECISION_TONE[row.decision]}>{DECISION_LABELS[row.decision]}</Badge>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>
              {row.completed_at ? (
                <span className={styles.nowrap}>
                  <SinceTime iso={row.completed_at} now={now} />
                  <span className={styles.sub}>
                    <LocalTime iso={row.completed_at} />
                  </span>
                </span>
              ) : (
                "—"
              )}
            </td>
            <td>{MY_REVIEW_TEXT[row.my_review]}</td>
          </tr>
        );
      })}
    </Table>
  );
}
