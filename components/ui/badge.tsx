import type { ReactNode } from "react";
import styles from "./badge.module.css";
import { cx } from "./class-names";

export type BadgeTone = "neutral" | "primary" | "success" | "danger" | "warning";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={cx(styles.badge, styles[tone])}>{children}</span>;
}
