"use client";

import { ConfirmedUserAction } from "./confirmed-user-action";
import type { UserFormAction, UserRow } from "./types";

/** Clears a user's link to their identity provider account after a confirmation (ADMIN; audited SSO_IDENTITY_CLEARED). */
export function ClearSsoLinkControl({ user, action }: { user: UserRow; action: UserFormAction }) {
  return (
    <ConfirmedUserAction
      user={user}
      action={action}
      label="Clear SSO link"
      title={`Clear the single sign-on link of ${user.email}?`}
      description="Whoever next signs in with your company's provider as this address takes over the account. Do this only when the provider re-created this person, and you are sure who is asking."
      confirmLabel="Clear link"
      pendingLabel="Clearing…"
    />
  );
}
