import { cx } from "@/components/ui/class-names";
import styles from "./page-skeleton.module.css";

/** Placeholder while a dashboard page loads; announced once as a status rather than as a pile of empty boxes. */
export function PageSkeleton({ label, table = false }: { label: string; table?: boolean }) {
  return (
    <div className={styles.skeleton} role="status" aria-label={label}>
      <div className={cx(styles.block, styles.title)} />
      <div className={cx(styles.block, styles.line)} />
      {table ? (
        <div className={cx(styles.block, styles.panel)} />
      ) : (
        <div className={styles.cards}>
          <div className={cx(styles.block, styles.card)} />
          <div className={cx(styles.block, styles.card)} />
          <div className={cx(styles.block, styles.card)} />
        </div>
      )}
    </div>
  );
}
