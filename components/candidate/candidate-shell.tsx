import type { ReactNode } from "react";
import styles from "./candidate.module.css";

/** The frame of every candidate page: one centered panel, the company named first so people know who invited them. */
export function CandidateShell({ companyName, children }: { companyName?: string; children: ReactNode }) {
  return (
    <main className={styles.main}>
      <div className={styles.panel}>
        {companyName && <p className={styles.company}>{companyName}</p>}
        {children}
        <p className={styles.footer}>
          Powered by AI Interviewer. Your answers are shared only with the company that invited you.
        </p>
      </div>
    </main>
  );
}
