import { LocalTime } from "@/components/ui/local-time";
import type { SessionDetailJson } from "@/lib/review/serialize";
import styles from "./review.module.css";

/** Every flag observers dropped while the session was live, in time order. */
export function FlagList({ flags }: { flags: SessionDetailJson["flags"] }) {
  return (
    <section aria-labelledby="flags-heading" className="stack">
      <h2 id="flags-heading">Observation flags</h2>
      {flags.length === 0 ? (
        <p className="muted">No one flagged anything while watching this session live.</p>
      ) : (
        <ol className={styles.flagItems}>
          {flags.map((f) => (
            <li key={f.id}>
              <LocalTime iso={f.created_at} precision="seconds" />
              <span>{f.answer === null ? "Before the first answer" : `Question ${f.answer + 1}`}</span>
              <span>{f.note}</span>
              <span className={styles.sub}>{f.author}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
