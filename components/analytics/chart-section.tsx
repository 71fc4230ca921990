import type { ReactNode } from "react";
import styles from "./analytics.module.css";

/** One figure of the analytics page: a heading, what it means, then its chart beside its table (or why there is none). */
export function ChartSection({
  id,
  title,
  description,
  empty,
  chart,
  table,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  empty?: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="stack">
      <h2 id={id}>{title}</h2>
      {description && <p className={`muted ${styles.note}`}>{description}</p>}
      {empty ? (
        <p className={styles.empty}>{empty}</p>
      ) : (
        <div className={styles.pair}>
          {chart}
          {table}
        </div>
      )}
    </section>
  );
}
