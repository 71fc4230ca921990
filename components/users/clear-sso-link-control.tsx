"use client";

import { useState } from "react";
import type { FormState } from "@/lib/http/server-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { UserFormAction, UserRow } from "./types";
import styles from "./users.module.css";

/** Clears a user's link to their identity provider account after a confirmation (ADMIN; audited). */
export function ClearSsoLinkControl({ user, action }: { user: UserRow; action: UserFormAction }) {
  const [outcome, setOutcome] = useState<FormState>({});
  const clear = async () => {
    const data = new FormData();
    data.set("userId", user.id);
    setOutcome(await action({}, data));
  };
  return (
    <div className={styles.cellStack}>
      <ConfirmDialog
        triggerLabel={
          <>
            Clear SSO link<span className="visually-hidden"> of {user.email}</span>
          </>
        }
        title={`Clear the single sign-on link of ${user.email}?`}
        description="Whoever next signs in with your company's provider as this address takes over the account. Do this only when the provider re-created this person, and you are sure who is asking."
        confirmLabel="Clear link"
        pendingLabel="Clearing…"
        onConfirm={clear}
      />
      <FormMessage state={outcome} compact />
    </div>
  );
}
