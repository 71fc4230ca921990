"use client";

import { useIsClient } from "./use-is-client";

const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const withMinutes = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** The server's stand-in until the browser can format in the viewer's timezone: unambiguous UTC. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** An instant shown in the viewer's own timezone; the machine-readable ISO value stays in `dateTime`. */
export function LocalTime({ iso, precision = "minutes" }: { iso: string; precision?: "date" | "minutes" | "seconds" }) {
  const isClient = useIsClient();
  const date = new Date(iso);
  const format = { date: dateOnly, minutes: withMinutes, seconds: withSeconds }[precision];
  const text = isClient ? format.format(date) : utcText(date);
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
