"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/http/server-action";

type SettingAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * Removes the company's provider after a confirmation (ADMIN). Kept mounted when nothing is configured, so that the
 * outcome stays announced after the page has re-rendered without a provider.
 */
export function SsoRemoveControl({ configured, action }: { configured: boolean; action: SettingAction }) {
  const [outcome, setOutcome] = useState<FormState>({});
  return (
    <div className="stack">
      {configured && (
        <ConfirmDialog
          triggerLabel="Remove single sign-on"
          triggerVariant="danger"
          title="Remove single sign-on?"
          description="The provider settings and email domains are deleted, and single sign-on is no longer required: people who have a password sign in with it again. To pause sign-in with your company instead, turn off Enabled."
          confirmLabel="Remove single sign-on"
          pendingLabel="Removing…"
          onConfirm={async () => setOutcome(await action({}, new FormData()))}
        />
      )}
      <FormMessage state={outcome} />
    </div>
  );
}
