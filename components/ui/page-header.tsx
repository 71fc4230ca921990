import type { ReactNode } from "react";
import styles from "./page-header.module.css";

export function PageHeader({ title, description }: { title: ReactNode; description?: ReactNode }) {
  return (
    <header className={styles.header}>
      <h1>{title}</h1>
      {description && <p className="muted">{description}</p>}
    </header>
  );
}
