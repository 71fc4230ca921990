"use client";

import { useId, useRef, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import styles from "./confirm-dialog.module.css";
import { SubmitButton } from "./submit-button";

interface ConfirmDialogProps {
  triggerLabel: ReactNode;
  triggerVariant?: ButtonVariant;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  /** Runs when the person confirms; the dialog stays open, showing progress, until it settles. */
  onConfirm: () => Promise<void>;
}

/**
 * A second step before a destructive action, built on the native modal <dialog>: it traps focus, closes on Escape
 * and hands focus back to the trigger. Cancel takes focus first so that Enter never confirms by accident.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerVariant = "secondary",
  title,
  description,
  confirmLabel,
  pendingLabel,
  onConfirm,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  return (
    <>
      <Button variant={triggerVariant} size="sm" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {triggerLabel}
      </Button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId} aria-describedby={descriptionId}>
        <form
          className={styles.body}
          action={async () => {
            await onConfirm();
            dialog.current?.close();
          }}
        >
          <h2 id={titleId}>{title}</h2>
          <p id={descriptionId} className="muted">
            {description}
          </p>
          <div className={styles.actions}>
            <Button variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel={pendingLabel}>
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
