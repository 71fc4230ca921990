"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { EmptyRow, Table } from "@/components/ui/table";
import type { FormState } from "@/lib/http/server-action";
import type { BulkLink, BulkPreview } from "./types";
import styles from "./invites.module.css";

/** The parsed rows and the problems by line; nothing has been created yet. */
export function BulkPreviewTable({ preview }: { preview: BulkPreview }) {
  return (
    <div className="stack">
      {preview.problems.length > 0 && (
        <div>
          <h3>Problems</h3>
          <ul className={styles.problems}>
            {preview.problems.map((p, i) => (
              <li key={i}>
                Line {p.line}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.scroll}>
        <Table
          caption="Invites in the file"
          head={
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Expires in</th>
              <th scope="col">Attempts</th>
            </tr>
          }
        >
          {preview.rows.length === 0 && <EmptyRow colSpan={5}>No valid rows.</EmptyRow>}
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td className={styles.num}>{row.line}</td>
              <td>{row.candidate_name}</td>
              <td>{row.candidate_email}</td>
              <td className={styles.num}>{row.expires_in_hours ?? 72} h</td>
              <td className={styles.num}>{row.max_attempts ?? 1}</td>
            </tr>
          ))}
        </Table>
      </div>
    </div>
  );
}

function download(csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "interview-links.csv";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The links created, shown this once, with a CSV download. */
export function BulkResult({ result, state, close }: { result: BulkLink; state: FormState; close: () => void }) {
  return (
    <>
      <FormMessage state={state} />
      <p className={styles.once}>These links are shown only now. Download them before closing this dialog.</p>
      <div className={styles.scroll}>
        <Table
          caption="Created invite links"
          head={
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Link</th>
            </tr>
          }
        >
          {result.links.map((l) => (
            <tr key={l.line}>
              <td>{l.name}</td>
              <td>{l.email}</td>
              <td className={styles.url}>{l.url}</td>
            </tr>
          ))}
        </Table>
      </div>
      <div className={styles.dialogActions}>
        <Button variant="secondary" onClick={() => download(result.csv)}>
          Download links CSV
        </Button>
        <Button onClick={close}>Done</Button>
      </div>
    </>
  );
}
