"use client";

import { useId, useMemo, useState } from "react";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useIsClient } from "@/components/ui/use-is-client";
import {
  describeExpiryRule,
  MAX_BUSINESS_DAYS,
  resolveExpiry,
  timeZoneNames,
  type ExpiryRule,
  type ExpiryRuleKind,
} from "@/lib/invites/expiry-rules";

const CHOICES: readonly { value: ExpiryRuleKind; label: string }[] = [
  { value: "hours", label: "After a number of hours" },
  { value: "at", label: "At an exact date and time" },
  { value: "business_days", label: "After a number of business days" },
  { value: "end_of_day", label: "At the end of a day, in a time zone" },
];

const viewerFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

/** The local datetime-local value as an ISO instant (the browser reads it in the viewer's zone), or "". */
function isoFromLocal(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
}

/** The rule as chosen so far, for the words beside the controls; null while a value is missing. */
function draftRule(kind: ExpiryRuleKind, values: { hours: string; days: string; date: string; zone: string }) {
  const n = (v: string) => (v.trim() === "" ? NaN : Number(v));
  const rule: ExpiryRule | null =
    kind === "hours" && n(values.hours) > 0
      ? { kind, hours: n(values.hours) }
      : kind === "business_days" && Number.isInteger(n(values.days)) && n(values.days) > 0
        ? { kind, days: n(values.days), time_zone: values.zone }
        : kind === "end_of_day" && values.date
          ? { kind, date: values.date, time_zone: values.zone }
          : null;
  return rule;
}

/**
 * How the invite expires: hours, an exact time (in the viewer's zone), N business days, or the end of a day in a
 * chosen IANA zone (the viewer's own by default). The server resolves the rule; these words say what it means.
 */
export function ExpiryPicker({ errors }: { errors: Record<string, string | undefined> }) {
  const isClient = useIsClient();
  const zonesId = useId();
  const [kind, setKind] = useState<ExpiryRuleKind>("hours");
  const [hours, setHours] = useState("72");
  const [days, setDays] = useState("3");
  const [date, setDate] = useState("");
  const [local, setLocal] = useState("");
  const [zone, setZone] = useState<string | null>(null);
  const viewerZone = isClient ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  const timeZone = zone ?? viewerZone;
  const zones = useMemo(() => (isClient ? timeZoneNames() : []), [isClient]);
  const rule = draftRule(kind, { hours, days, date, zone: timeZone });
  let summary = rule ? describeExpiryRule(rule) : "";
  if (rule?.kind === "end_of_day") {
    try {
      summary += ` (your time: ${viewerFormat.format(resolveExpiry(rule, { now: new Date() }))})`;
    } catch {
      // The server gives the reason (a past day, an unknown zone) beside the field.
    }
  }
  const zoneField = (
    <>
      <TextField
        label="Time zone"
        name="time_zone"
        list={zonesId}
        autoComplete="off"
        spellCheck={false}
        value={timeZone}
        onChange={(e) => setZone(e.target.value)}
        hint="An IANA zone, such as Europe/Berlin; yours by default"
        error={errors.time_zone}
      />
      <datalist id={zonesId}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
  return (
    <>
      <SelectField
        label="Expires"
        name="expiry_kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as ExpiryRuleKind)}
        options={CHOICES}
      />
      {kind === "hours" && (
        <TextField
          label="Expires in (hours)"
          name="expires_in_hours"
          type="number"
          min={1}
          max={720}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          hint="Up to 720 (30 days)"
          error={errors.expires_in_hours}
        />
      )}
      {kind === "at" && (
        <>
          <TextField
            label="Expires at (your time)"
            type="datetime-local"
            value={local}
            onChange={(e) => setLocal(e.target.value)}
            error={errors.expires_at}
          />
          <input type="hidden" name="expires_at" value={isoFromLocal(local)} />
        </>
      )}
      {kind === "business_days" && (
        <>
          <TextField
            label="Business days"
            name="days"
            type="number"
            min={1}
            max={MAX_BUSINESS_DAYS}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            hint={`1–${MAX_BUSINESS_DAYS}; ends at 23:59 on the last one, skipping weekends and company holidays`}
            error={errors.days}
          />
          {zoneField}
        </>
      )}
      {kind === "end_of_day" && (
        <>
          <TextField
            label="Last day"
            name="date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            hint="The link works until 23:59 that day"
            error={errors.date}
          />
          {zoneField}
        </>
      )}
      <p className="muted" aria-live="polite">
        {summary}
      </p>
    </>
  );
}
