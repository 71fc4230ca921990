import { useId, type ReactNode } from "react";
import styles from "./card.module.css";

interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
}

/** A titled panel; the title names the section, so it is reachable as a region by assistive technology. */
export function Card({ title, description, children }: CardProps) {
  const headingId = useId();
  return (
    <section className={styles.card} aria-labelledby={title ? headingId : undefined}>
      {(title || description) && (
        <header className={styles.header}>
          {title && <h2 id={headingId}>{title}</h2>}
          {description && <p className="muted">{description}</p>}
        </header>
      )}
      {children}
    </section>
  );
}
