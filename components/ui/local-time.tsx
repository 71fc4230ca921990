"use client";

import { useIsClient } from "./use-is-client";

const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const withMinutes = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The server's stand-in until the browser can format in the viewer's timezone: unambiguous UTC. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** An instant shown in the viewer's own timezone; the machine-readable ISO value stays in `dateTime`. */
export function LocalTime({ iso, seconds = false }: { iso: string; seconds?: boolean }) {
  const isClient = useIsClient();
  const date = new Date(iso);
  const text = isClient ? (seconds ? withSeconds : withMinutes).format(date) : utcText(date);
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
