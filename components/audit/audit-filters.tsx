"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField, type SelectOption } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useIsClient } from "@/components/ui/use-is-client";
import styles from "./audit.module.css";
import { endIsoToLocalDay, localDayEndIso, localDayStartIso, startIsoToLocalDay } from "./local-date";

const AUDIT_PATH = "/dashboard/audit";

interface AuditFiltersProps {
  users: SelectOption[];
  actions: SelectOption[];
  current: { user?: string; action?: string; from?: string; to?: string };
}

/** Filters live in the URL, so a filtered view can be bookmarked and shared; dates are the viewer's calendar days. */
export function AuditFilters({ users, actions, current }: AuditFiltersProps) {
  const router = useRouter();
  const isClient = useIsClient();
  const [pending, startTransition] = useTransition();
  const [rangeError, setRangeError] = useState<string>();

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "");
    const [fromDay, toDay] = [value("fromDate"), value("toDate")];
    if (fromDay && toDay && toDay < fromDay) {
      setRangeError("The end date must be on or after the start date");
      return;
    }
    setRangeError(undefined);
    const params = new URLSearchParams();
    if (value("user")) params.set("user", value("user"));
    if (value("action")) params.set("action", value("action"));
    if (fromDay) params.set("from", localDayStartIso(fromDay));
    if (toDay) params.set("to", localDayEndIso(toDay));
    startTransition(() => router.push(params.size > 0 ? `${AUDIT_PATH}?${params}` : AUDIT_PATH));
  };

  // The form remounts whenever the filters in the URL change (after Apply, Clear or Back). The date fields can only be
  // filled in once running in the browser, which knows the viewer's timezone: only they remount then, so a choice
  // made in the other fields before the page finished loading is kept (remounting the whole form lost it).
  const formKey = [current.user, current.action, current.from, current.to].join("|");
  const dateKey = isClient ? "client" : "server";
  const timeZone = isClient ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  return (
    <form
      key={formKey}
      role="search"
      aria-label="Filter audit entries"
      noValidate
      onSubmit={apply}
      className={styles.filters}
    >
      <SelectField
        label="User"
        name="user"
        options={[{ value: "", label: "All users" }, ...users]}
        defaultValue={current.user ?? ""}
      />
      <SelectField
        label="Action"
        name="action"
        options={[{ value: "", label: "All actions" }, ...actions]}
        defaultValue={current.action ?? ""}
      />
      <TextField
        key={`from-${dateKey}`}
        label="From"
        name="fromDate"
        type="date"
        defaultValue={isClient && current.from ? startIsoToLocalDay(current.from) : undefined}
      />
      <TextField
        key={`to-${dateKey}`}
        label="To"
        name="toDate"
        type="date"
        defaultValue={isClient && current.to ? endIsoToLocalDay(current.to) : undefined}
        error={rangeError}
      />
      <div className={styles.filterFooter}>
        <p className={styles.timezone}>{timeZone ? `Dates and times are in your timezone (${timeZone}).` : "\u00a0"}</p>
        <div className={styles.buttons}>
          <Link href={AUDIT_PATH} className={buttonClass("ghost")}>
            Clear
          </Link>
          <SubmitButton pending={pending} pendingLabel="Applying…">
            Apply filters
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
