"use client";

import { useState } from "react";
import type { FormState } from "@/lib/http/server-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { UserFormAction, UserRow } from "./types";
import styles from "./users.module.css";

/** Removes a user's two-factor sign-in after a confirmation (ADMIN; audited MFA_RESET). */
export function ResetTwoFactorControl({ user, action }: { user: UserRow; action: UserFormAction }) {
  const [outcome, setOutcome] = useState<FormState>({});
  const reset = async () => {
    const data = new FormData();
    data.set("userId", user.id);
    setOutcome(await action({}, data));
  };
  return (
    <div className={styles.cellStack}>
      <ConfirmDialog
        triggerLabel={
          <>
            Reset two-factor<span className="visually-hidden"> of {user.email}</span>
          </>
        }
        title={`Reset two-factor sign-in of ${user.email}?`}
        description="Their authenticator app and recovery codes stop working; they sign in with their password alone until they set it up again (at once, if your company requires it). Do this only once you are sure who is asking."
        confirmLabel="Reset two-factor"
        pendingLabel="Resetting…"
        onConfirm={reset}
      />
      <FormMessage state={outcome} compact />
    </div>
  );
}
