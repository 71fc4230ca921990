"use client";

import { useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/http/server-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UserFormAction, UserRow } from "./types";
import styles from "./users.module.css";

/**
 * Deactivate (after a confirmation, since it signs the person out everywhere) or reactivate. The outcome lives here,
 * not in the dialog, so it stays visible after the row re-renders with the new status.
 */
export function UserStatusControl({ user, action }: { user: UserRow; action: UserFormAction }) {
  const [outcome, setOutcome] = useState<FormState>({});
  const container = useRef<HTMLDivElement>(null);
  const shownStatus = useRef(user.isActive);

  // The button that had focus is replaced when the status flips; hand focus to its successor so keyboard users
  // are not dropped back at the top of the page.
  useEffect(() => {
    if (shownStatus.current === user.isActive) return;
    shownStatus.current = user.isActive;
    if (!document.activeElement || document.activeElement === document.body)
      container.current?.querySelector("button")?.focus();
  }, [user.isActive]);

  const setActive = async (isActive: boolean) => {
    const data = new FormData();
    data.set("userId", user.id);
    data.set("isActive", String(isActive));
    setOutcome(await action({}, data));
  };
  const forWhom = <span className="visually-hidden"> {user.email}</span>;
  return (
    <div ref={container} className={styles.cellStack}>
      {user.isActive ? (
        <ConfirmDialog
          triggerLabel={<>Deactivate{forWhom}</>}
          title={`Deactivate ${user.email}?`}
          description="They are signed out of every session at once and cannot sign in until an admin reactivates them. Their history stays in the audit log."
          confirmLabel="Deactivate"
          pendingLabel="Deactivating…"
          onConfirm={() => setActive(false)}
        />
      ) : (
        <form action={() => setActive(true)}>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Reactivating…">
            Reactivate{forWhom}
          </SubmitButton>
        </form>
      )}
      <FormMessage state={outcome} compact />
    </div>
  );
}
