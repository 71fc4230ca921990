import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import { ExtensionDecision } from "./extension-decision";
import type { ExtensionActions, ExtensionRow } from "./types";
import styles from "./extensions.module.css";

const STATUS = {
  pending: { label: "Waiting", tone: "warning" },
  approved: { label: "Approved", tone: "success" },
  declined: { label: "Declined", tone: "neutral" },
} as const;

function Candidate({ row }: { row: ExtensionRow }) {
  return (
    <span className="stack">
      <strong>{row.candidateName ?? "Unnamed candidate"}</strong>
      {row.candidateEmail && <span className={styles.sub}>{row.candidateEmail}</span>}
    </span>
  );
}

/**
 * The interview's requests for more time: the waiting ones with Approve / Decline, then the recent decisions. Shown to
 * the people who manage the interview.
 */
export function ExtensionRequestsSection({
  interviewId,
  pending,
  decided,
  actions,
}: {
  interviewId: string;
  pending: ExtensionRow[];
  decided: ExtensionRow[];
  actions: ExtensionActions;
}) {
  return (
    <section aria-labelledby="extensions-heading" className="stack">
      <h2 id="extensions-heading">Extension requests</h2>
      <p className="muted">
        Candidates can ask for more time once their link has expired or expires within 48 hours (one request per invite
        unless HR allows more). They are emailed your decision either way.
      </p>
      <Table
        caption="Waiting extension requests"
        head={
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Reason</th>
            <th scope="col">Current expiry</th>
            <th scope="col">Requested</th>
            <th scope="col">Decision</th>
          </tr>
        }
      >
        {pending.length === 0 && <EmptyRow colSpan={5}>No requests for more time are waiting.</EmptyRow>}
        {pending.map((row) => (
          <tr key={row.id}>
            <td>
              <Candidate row={row} />
            </td>
            <td className={styles.reason}>{row.reason}</td>
            <td>
              <LocalTime iso={row.currentExpiresAt} />
            </td>
            <td>
              <LocalTime iso={row.requestedAt} />
            </td>
            <td>
              <ExtensionDecision interviewId={interviewId} request={row} actions={actions} />
            </td>
          </tr>
        ))}
      </Table>
      {decided.length > 0 && (
        <>
          <h3>Recently decided</h3>
          <Table
            caption="Decided extension requests"
            head={
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Reason</th>
                <th scope="col">Decision</th>
                <th scope="col">New expiry</th>
                <th scope="col">Decided</th>
              </tr>
            }
          >
            {decided.map((row) => (
              <tr key={row.id}>
                <td>
                  <Candidate row={row} />
                </td>
                <td className={styles.reason}>{row.reason}</td>
                <td>
                  <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
                  {row.decisionNote && <p className={styles.sub}>Note: {row.decisionNote}</p>}
                </td>
                <td>{row.newExpiresAt ? <LocalTime iso={row.newExpiresAt} /> : <span className="muted">None</span>}</td>
                <td>
                  {row.decidedAt && <LocalTime iso={row.decidedAt} />}
                  {row.decidedBy && <span className={styles.sub}> by {row.decidedBy}</span>}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}
