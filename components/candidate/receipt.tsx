import { LocalTime } from "@/components/ui/local-time";
import type { SessionReceipt } from "@/lib/review/receipt";
import styles from "./candidate.module.css";

const seconds = (ms: number | null) => (ms === null ? "—" : `${Math.max(1, Math.round(ms / 1000))} s`);
const size = (bytes: number) =>
  bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;

/** Proof of what the company received, answer by answer; the checksum prefix matches what the interviewer sees. */
export function Receipt({
  receipt,
  title = "Your receipt",
  titleId = "receipt-title",
  headingLevel = 2,
}: {
  receipt: SessionReceipt;
  /** One page may show several receipts (one per completed attempt): each needs its own heading and id. */
  title?: string;
  titleId?: string;
  /** 3 inside a section that already has an h2 (the candidate's status page). */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={titleId} className={styles.receipt}>
      <Heading id={titleId}>{title}</Heading>
      {receipt.completed_at && (
        <p>
          Submitted <LocalTime iso={receipt.completed_at} precision="seconds" />. Keep this page: your invitation link
          shows it again at any time.
        </p>
      )}
      <div className={styles.tableWrap}>
        <table>
          <caption className="visually-hidden">Answers received</caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">Duration</th>
              <th scope="col">Size</th>
              <th scope="col">Checksum</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {receipt.answers.map((a) => (
              <tr key={a.answer}>
                <th scope="row" title={a.question}>
                  {a.answer + 1}
                </th>
                <td>{seconds(a.duration_ms)}</td>
                <td>{size(a.size_bytes)}</td>
                <td>
                  <code>{a.sha256_prefix}</code>
                </td>
                <td>
                  <LocalTime iso={a.received_at} precision="seconds" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
