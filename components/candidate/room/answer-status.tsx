import type { AnswerUpload } from "@/lib/candidate-room/uploader";
import styles from "./room.module.css";

export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;

/** One answer's upload state in words, with a progress bar while bytes are moving. */
export function AnswerStatus({ upload, serverReady }: { upload?: AnswerUpload; serverReady?: boolean }) {
  if (!upload) return <span className={styles.statusReady}>{serverReady ? "Saved" : "Not answered yet"}</span>;
  switch (upload.status) {
    case "ready":
      return <span className={styles.statusReady}>Saved and verified</span>;
    case "failed":
      return <span className={styles.statusFailed}>Not saved: {upload.error}</span>;
    case "recording":
      return <span>Recording…</span>;
    case "verifying":
      return <span>Verifying…</span>;
    case "uploading": {
      const percent = upload.totalBytes ? Math.floor((upload.uploadedBytes / upload.totalBytes) * 100) : 0;
      return (
        <span className={styles.uploadLine}>
          Uploading {megabytes(upload.uploadedBytes)} of {megabytes(upload.totalBytes)}
          <progress max={100} value={percent} aria-label={`Answer ${upload.questionIndex + 1} upload`} />
        </span>
      );
    }
  }
}
