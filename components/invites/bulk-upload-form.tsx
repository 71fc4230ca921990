"use client";

import { startTransition, useActionState, useState, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { BulkPreviewTable, BulkResult } from "./bulk-tables";
import type { BulkLink, BulkPreview, PayloadAction } from "./types";
import styles from "./invites.module.css";

interface BulkUploadFormProps {
  interviewId: string;
  preview: PayloadAction<BulkPreview>;
  create: PayloadAction<BulkLink>;
  close: () => void;
}

const EXAMPLE = "Ada Lovelace,ada@example.com,72,1";

/** Paste or choose a CSV, preview it (nothing is created), then create every invite at once or none. */
export function BulkUploadForm({ interviewId, preview, create, close }: BulkUploadFormProps) {
  const [csv, setCsv] = useState("");
  const [previewed, runPreview, previewing] = useActionState(preview, {});
  const [created, runCreate, creating] = useActionState(create, {});
  const send = (run: (data: FormData) => void) => {
    const data = new FormData();
    data.set("interviewId", interviewId);
    data.set("csv", csv);
    startTransition(() => run(data));
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
  };

  if (created.payload) return <BulkResult result={created.payload} state={created} close={close} />;

  const checked = previewed.payload;
  const ready = checked && checked.problems.length === 0 && checked.rows.length > 0;
  const createProblems = Object.entries(created.fieldErrors ?? {});
  return (
    <>
      <p className="muted">
        One candidate per line: <code>name,email[,expires_in_hours,max_attempts]</code>. A header row is optional. If
        any line has a problem, nothing is created.
      </p>
      <div className={styles.formGrid}>
        <Field label="Choose a CSV file">
          {(control) => <input {...control} type="file" accept=".csv,text/csv,text/plain" onChange={readFile} />}
        </Field>
      </div>
      <Field
        label="Or paste the CSV"
        hint={
          <>
            For example: <code>{EXAMPLE}</code>
          </>
        }
      >
        {(control) => (
          <textarea
            {...control}
            className={`${control.className} ${styles.csv}`}
            rows={6}
            value={csv}
            spellCheck={false}
            onChange={(e) => setCsv(e.target.value)}
          />
        )}
      </Field>
      <FormMessage
        state={created.error ? created : checked?.problems.length ? { error: previewed.message } : previewed}
      />
      {createProblems.length > 0 && (
        <ul className={styles.problems}>
          {createProblems.map(([line, message]) => (
            <li key={line}>
              {line}: {message}
            </li>
          ))}
        </ul>
      )}
      {checked && <BulkPreviewTable preview={checked} />}
      <div className={styles.dialogActions}>
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <form action={() => send(runPreview)}>
          <SubmitButton variant="secondary" pending={previewing} pendingLabel="Checking…" disabled={csv.trim() === ""}>
            Preview
          </SubmitButton>
        </form>
        <form action={() => send(runCreate)}>
          <SubmitButton pending={creating} pendingLabel="Creating…" disabled={!ready}>
            {ready ? `Create ${checked.rows.length} invite(s)` : "Create invites"}
          </SubmitButton>
        </form>
      </div>
    </>
  );
}
