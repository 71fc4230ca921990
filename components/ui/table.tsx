import type { ReactNode } from "react";
import styles from "./table.module.css";

interface TableProps {
  /** Names the table for assistive technology; shown visually only by the page heading. */
  caption: string;
  head: ReactNode;
  children: ReactNode;
}

/** A data table in a horizontally scrollable region; the region is focusable so keyboards can scroll it too. */
export function Table({ caption, head, children }: TableProps) {
  return (
    <div className={styles.wrap} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>{head}</thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A full-width row for "nothing here" messages. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className={styles.empty}>
        {children}
      </td>
    </tr>
  );
}
