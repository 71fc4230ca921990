import { cx } from "@/components/ui/class-names";
import styles from "./room.module.css";

/** Shown once the company revoked the invite during the interview: calm, final, and clear that nothing was lost. */
export function WithdrawnNotice({ companyName }: { companyName: string }) {
  return (
    <section aria-labelledby="withdrawn-title" className={cx(styles.notice, styles.info)} role="status">
      <h2 id="withdrawn-title">This interview was withdrawn</h2>
      <p>This interview was withdrawn by the company. The answers you already gave were saved.</p>
      <p className="muted">There is nothing more to do here. If you have questions, contact {companyName}.</p>
    </section>
  );
}
