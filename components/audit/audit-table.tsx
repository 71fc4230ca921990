import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import styles from "./audit.module.css";
import { actionLabel, actionTone } from "./audit-labels";

export interface AuditRow {
  id: string;
  action: string;
  userEmail: string | null;
  resourceType: string | null;
  resourceId: string | null;
  ipAddress: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

const COLUMNS = 6;

export function AuditTable({ entries, empty }: { entries: AuditRow[]; empty: React.ReactNode }) {
  return (
    <Table
      caption="Audit entries, newest first"
      head={
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Action</th>
          <th scope="col">User</th>
          <th scope="col">Resource</th>
          <th scope="col">IP address</th>
          <th scope="col">Details</th>
        </tr>
      }
    >
      {entries.length === 0 && <EmptyRow colSpan={COLUMNS}>{empty}</EmptyRow>}
      {entries.map((entry) => (
        <tr key={entry.id}>
          <td className={styles.time}>
            <LocalTime iso={entry.createdAt} precision="seconds" />
          </td>
          <td>
            <Badge tone={actionTone(entry.action)}>{actionLabel(entry.action)}</Badge>
          </td>
          <td>{entry.userEmail ?? <span className="muted">—</span>}</td>
          <td>
            {entry.resourceType ? (
              <span className={styles.mono} title={entry.resourceId ?? undefined}>
                {entry.resourceType}
                {entry.resourceId && ` ${entry.resourceId.slice(0, 8)}`}
              </span>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td className={styles.mono}>{entry.ipAddress ?? <span className="muted">—</span>}</td>
          <td>
            {entry.details ? (
              <code className={styles.details}>{JSON.stringify(entry.details)}</code>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
