"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/http/server-action";
import styles from "./interviews.module.css";

interface ArchiveInterviewProps {
  interviewId: string;
  title: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

export function ArchiveInterview({ interviewId, title, action }: ArchiveInterviewProps) {
  const [outcome, setOutcome] = useState<FormState>({});
  return (
    <div className={styles.archive}>
      <ConfirmDialog
        triggerLabel="Archive"
        title={`Archive “${title}”?`}
        description="Candidates can no longer start it, and no new invites can be sent. Sessions and answers already recorded are kept. You can reopen it later from Edit."
        confirmLabel="Archive interview"
        pendingLabel="Archiving…"
        onConfirm={async () => {
          const data = new FormData();
          data.set("interviewId", interviewId);
          setOutcome(await action({}, data));
        }}
      />
      <FormMessage state={outcome} compact />
    </div>
  );
}
