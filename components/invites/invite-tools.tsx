"use client";

import { BulkUploadForm } from "./bulk-upload-form";
import { InviteDialog } from "./invite-dialog";
import { MintInviteForm } from "./mint-invite-form";
import type { InviteActions } from "./types";
import styles from "./invites.module.css";

/** "Mint invite" and "Bulk upload", each in its own dialog. */
export function InviteTools({
  interviewId,
  actions,
}: {
  interviewId: string;
  actions: Pick<InviteActions, "mint" | "preview" | "createBulk">;
}) {
  return (
    <div className={styles.toolbar}>
      <InviteDialog triggerLabel="Bulk upload" title="Invite candidates from a CSV file" wide>
        {(close) => (
          <BulkUploadForm
            interviewId={interviewId}
            preview={actions.preview}
            create={actions.createBulk}
            close={close}
          />
        )}
      </InviteDialog>
      <InviteDialog triggerLabel="Mint invite" title="Invite a candidate">
        {(close) => <MintInviteForm interviewId={interviewId} action={actions.mint} close={close} />}
      </InviteDialog>
    </div>
  );
}
