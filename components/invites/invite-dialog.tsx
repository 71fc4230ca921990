"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import styles from "./invites.module.css";

interface InviteDialogProps {
  triggerLabel: string;
  title: string;
  wide?: boolean;
  /** Rendered afresh on every opening (keyed), so a previous result or a link shown once never reappears. */
  children: (close: () => void) => ReactNode;
}

/** A native modal <dialog> (focus trap, Escape, focus back to the trigger) holding a multi-step invite form. */
export function InviteDialog({ triggerLabel, title, wide = false, children }: InviteDialogProps) {
  // The element is held in state (a callback ref), not a ref: `close` is handed to children while rendering.
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  const titleId = useId();
  const [opening, setOpening] = useState(0);
  const close = () => dialog?.close();
  return (
    <>
      <Button
        variant="secondary"
        aria-haspopup="dialog"
        onClick={() => {
          setOpening((n) => n + 1);
          dialog?.showModal();
        }}
      >
        {triggerLabel}
      </Button>
      <dialog
        ref={setDialog}
        className={cx(styles.dialog, wide && styles.wideDialog)}
        aria-labelledby={titleId}
        onClose={() => setOpening((n) => n + 1)}
      >
        <div className={styles.dialogBody}>
          <h2 id={titleId}>{title}</h2>
          <div key={opening} className="stack">
            {children(close)}
          </div>
        </div>
      </dialog>
    </>
  );
}
