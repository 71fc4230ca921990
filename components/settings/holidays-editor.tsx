"use client";

import { useActionState, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { EmptyRow, Table } from "@/components/ui/table";
import { useIsClient } from "@/components/ui/use-is-client";
import type { FormState } from "@/lib/http/server-action";
import styles from "./settings.module.css";

type HolidayAction = (previous: FormState, formData: FormData) => Promise<FormState>;

// A calendar date, not an instant: formatted as the date itself, whatever the viewer's zone.
const dateText = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeZone: "UTC" });
const formatDate = (iso: string) => dateText.format(new Date(`${iso}T00:00:00Z`));

/** The company's holidays: add a date, or remove one after a confirmation. */
export function HolidaysEditor({
  holidays,
  add,
  remove,
}: {
  holidays: string[];
  add: HolidayAction;
  remove: HolidayAction;
}) {
  const [added, addAction] = useActionState(add, {});
  const [outcome, setOutcome] = useState<FormState>({});
  const message = useRef<HTMLDivElement>(null);
  const isClient = useIsClient();
  // The viewer's today, after hydration (the server renders no "past" badges rather than guess a zone).
  const today = isClient ? new Date().toLocaleDateString("en-CA") : null;
  const removeDate = async (date: string) => {
    const data = new FormData();
    data.set("date", date);
    setOutcome(await remove({}, data));
    requestAnimationFrame(() => message.current?.focus());
  };
  return (
    <>
      <form action={addAction} className={styles.addForm} noValidate>
        <TextField label="Holiday date" name="date" type="date" required error={added.fieldErrors?.date} />
        <SubmitButton pendingLabel="Adding…">Add holiday</SubmitButton>
      </form>
      <FormMessage state={added} />
      <div ref={message} tabIndex={-1}>
        <FormMessage state={outcome} />
      </div>
      <Table
        caption="Company holidays, earliest first"
        head={
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Actions</th>
          </tr>
        }
      >
        {holidays.length === 0 && (
          <EmptyRow colSpan={2}>
            No company holidays yet. Until you add some, business-day expiry skips only Saturdays and Sundays.
          </EmptyRow>
        )}
        {holidays.map((date) => (
          <tr key={date}>
            <td>
              <time dateTime={date}>{formatDate(date)}</time>{" "}
              {today && date < today && <Badge tone="neutral">Past</Badge>}
            </td>
            <td>
              <ConfirmDialog
                triggerLabel={
                  <>
                    Remove<span className="visually-hidden"> {formatDate(date)}</span>
                  </>
                }
                title={`Remove ${formatDate(date)}?`}
                description="Invites made from now on count it as a business day. Invites already sent keep their expiry. The change is recorded in the audit log."
                confirmLabel="Remove holiday"
                pendingLabel="Removing…"
                onConfirm={() => removeDate(date)}
              />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
