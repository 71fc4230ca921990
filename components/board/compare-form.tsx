"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { COMPARE_MAX, COMPARE_MIN } from "@/lib/board/query";
import styles from "./board.module.css";

/**
 * The board's table inside a GET form to the comparison page: each row's checkbox (name "s") adds its session, and
 * "Compare selected" is enabled for 2 to 4 of them.
 */
export function CompareForm({ action, children }: { action: string; children: ReactNode }) {
  const [selected, setSelected] = useState(0);
  const ok = selected >= COMPARE_MIN && selected <= COMPARE_MAX;
  const hint =
    selected > COMPARE_MAX
      ? `Choose at most ${COMPARE_MAX} candidates`
      : `Choose ${COMPARE_MIN} to ${COMPARE_MAX} candidates to compare`;
  return (
    <form
      action={action}
      method="get"
      className="stack"
      onChange={(event) => setSelected(event.currentTarget.querySelectorAll('input[name="s"]:checked').length)}
    >
      <div className={styles.compareBar}>
        <Button type="submit" variant="secondary" size="sm" disabled={!ok} aria-describedby="compare-hint">
          Compare selected
        </Button>
        <p id="compare-hint" className="muted" aria-live="polite">
          {selected} selected · {hint}
        </p>
      </div>
      {children}
    </form>
  );
}
