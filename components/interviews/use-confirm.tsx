"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import styles from "@/components/ui/confirm-dialog.module.css";

export interface ConfirmRequest {
  title: string;
  description: ReactNode;
  confirmLabel: string;
}

export type Confirm = (request: ConfirmRequest) => Promise<boolean>;

/**
 * A second step before discarding what someone typed, asked from inside the interview form. ConfirmDialog
 * (components/ui) submits a <form> of its own, which cannot nest in this one, so this is the same native modal
 * <dialog> with plain buttons: it traps focus, Escape cancels, and Cancel takes focus first so Enter never discards.
 * Render `dialog` once; `confirm(...)` resolves true only when the person confirms.
 */
export function useConfirm(): { confirm: Confirm; dialog: ReactNode } {
  const ref = useRef<HTMLDialogElement>(null);
  const settle = useRef<((confirmed: boolean) => void) | null>(null);
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  // Opened once the question is rendered into it, so it is announced with its title and description.
  useEffect(() => {
    if (request && !ref.current?.open) ref.current?.showModal();
  }, [request]);

  const confirm = useCallback<Confirm>((next) => {
    settle.current?.(false);
    setRequest(next);
    return new Promise<boolean>((resolve) => {
      settle.current = resolve;
    });
  }, []);

  const finish = (confirmed: boolean) => {
    ref.current?.close();
    setRequest(null);
    settle.current?.(confirmed);
    settle.current = null;
  };

  const dialog = (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        finish(false);
      }}
    >
      <div className={styles.body}>
        <h2 id={titleId}>{request?.title}</h2>
        <p id={descriptionId} className="muted">
          {request?.description}
        </p>
        <div className={styles.actions}>
          <Button variant="secondary" autoFocus onClick={() => finish(false)}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => finish(true)}>
            {request?.confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
  return { confirm, dialog };
}
