import type { FormState } from "@/lib/http/server-action";
import styles from "./form-message.module.css";
import { cx } from "./class-names";

/**
 * The outcome of a form action: errors in a role="alert" region (announced at once), successes in a polite status
 * region. Both regions are always rendered, even when empty, because screen readers only announce changes.
 */
export function FormMessage({ state, compact = false }: { state: FormState; compact?: boolean }) {
  const look = (tone: string, text?: string) => (text ? cx(styles.alert, tone, compact && styles.inline) : undefined);
  return (
    <>
      <div role="alert" className={look(styles.error!, state.error)}>
        {state.error}
      </div>
      <div role="status" className={look(styles.success!, state.error ? undefined : state.message)}>
        {state.error ? null : state.message}
      </div>
    </>
  );
}
