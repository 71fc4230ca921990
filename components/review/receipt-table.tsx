import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import type { SessionReceipt } from "@/lib/review/receipt";
import { durationMsText, sizeText } from "./review-labels";
import styles from "./review.module.css";

/** The proof of what was stored: the same receipt the candidate is shown. */
export function ReceiptTable({ receipt }: { receipt: SessionReceipt }) {
  return (
    <Card
      title="Receipt"
      description={
        receipt.completed_at ? (
          <>
            Completed <LocalTime iso={receipt.completed_at} precision="seconds" />. Only verified recordings are listed.
          </>
        ) : (
          "Not completed. Only verified recordings are listed."
        )
      }
    >
      <Table
        caption="Recordings received"
        head={
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Duration</th>
            <th scope="col">Size</th>
            <th scope="col">SHA-256 (first 12)</th>
            <th scope="col">Received</th>
          </tr>
        }
      >
        {receipt.answers.length === 0 && <EmptyRow colSpan={5}>No recording has been stored yet.</EmptyRow>}
        {receipt.answers.map((a) => (
          <tr key={a.answer}>
            <td>
              <span className={styles.candidate}>
                <span className={styles.candidateName}>Question {a.answer + 1}</span>
                <span className={styles.sub}>{a.question}</span>
              </span>
            </td>
            <td className={styles.num}>{durationMsText(a.duration_ms)}</td>
            <td className={styles.num}>{sizeText(a.size_bytes)}</td>
            <td className={styles.mono}>{a.sha256_prefix}</td>
            <td className={styles.nowrap}>
              <LocalTime iso={a.received_at} precision="seconds" />
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
