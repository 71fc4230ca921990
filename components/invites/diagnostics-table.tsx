import { Card } from "@/components/ui/card";
import { EmptyRow, Table } from "@/components/ui/table";
import type { InviteDiagnostic } from "@/lib/invites/diagnostics";
import styles from "./invites.module.css";

interface DiagnosticsReport {
  database_now: string;
  app_server_now: string;
  clock_skew_ms: number;
  invites: InviteDiagnostic[];
}

export function DiagnosticsTable({ report }: { report: DiagnosticsReport }) {
  return (
    <>
      <Card title="Clocks">
        <dl className={styles.clocks}>
          <div>
            <dt className="muted">Database now (UTC)</dt>
            <dd className={styles.mono}>{report.database_now}</dd>
          </div>
          <div>
            <dt className="muted">App server now (UTC)</dt>
            <dd className={styles.mono}>{report.app_server_now}</dd>
          </div>
          <div>
            <dt className="muted">Skew (app − database)</dt>
            <dd className={styles.mono}>{report.clock_skew_ms} ms</dd>
          </div>
        </dl>
      </Card>
      <Table
        caption="Invite diagnostics"
        head={
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Expires (stored)</th>
            <th scope="col">Expires (effective, UTC)</th>
            <th scope="col">Seconds left</th>
            <th scope="col">Attempts</th>
            <th scope="col">Status</th>
            <th scope="col">Why</th>
          </tr>
        }
      >
        {report.invites.length === 0 && <EmptyRow colSpan={7}>No invites for this interview.</EmptyRow>}
        {report.invites.map((d) => (
          <tr key={d.id}>
            <td>{d.candidate ?? <span className="muted">Unnamed</span>}</td>
            <td className={styles.mono}>{d.expires_at_stored ?? "none (legacy)"}</td>
            <td className={styles.mono}>{d.expires_at_utc}</td>
            <td className={styles.num}>{d.seconds_left}</td>
            <td className={styles.num}>
              {d.current_attempts} / {d.max_attempts}
              {d.max_attempts_stored === null && " (legacy)"}
            </td>
            <td>{d.status}</td>
            <td>{d.why}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
