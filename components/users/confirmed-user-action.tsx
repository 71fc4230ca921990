"use client";

import { useState, type ReactNode } from "react";
import type { FormState } from "@/lib/http/server-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { UserFormAction, UserRow } from "./types";
import styles from "./users.module.css";

/** A button on a user's row that runs a server action on that user after a confirmation, and shows its outcome. */
export function ConfirmedUserAction(props: {
  user: UserRow;
  action: UserFormAction;
  /** The button's words; the user's address is added for screen readers. */
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
}) {
  const [outcome, setOutcome] = useState<FormState>({});
  const run = async () => {
    const data = new FormData();
    data.set("userId", props.user.id);
    setOutcome(await props.action({}, data));
  };
  return (
    <div className={styles.cellStack}>
      <ConfirmDialog
        triggerLabel={
          <>
            {props.label}
            <span className="visually-hidden"> of {props.user.email}</span>
          </>
        }
        title={props.title}
        description={props.description}
        confirmLabel={props.confirmLabel}
        pendingLabel={props.pendingLabel}
        onConfirm={run}
      />
      <FormMessage state={outcome} compact />
    </div>
  );
}
