"use client";

import { ConfirmedUserAction } from "./confirmed-user-action";
import type { UserFormAction, UserRow } from "./types";

/** Removes a user's two-factor sign-in after a confirmation (ADMIN; audited MFA_RESET). */
export function ResetTwoFactorControl({ user, action }: { user: UserRow; action: UserFormAction }) {
  return (
    <ConfirmedUserAction
      user={user}
      action={action}
      label="Reset two-factor"
      title={`Reset two-factor sign-in of ${user.email}?`}
      description="Their authenticator app and recovery codes stop working; they sign in with their password alone until they set it up again (at once, if your company requires it). Do this only once you are sure who is asking."
      confirmLabel="Reset two-factor"
      pendingLabel="Resetting…"
    />
  );
}
