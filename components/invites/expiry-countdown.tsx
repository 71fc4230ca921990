"use client";

import { useEffect, useState } from "react";
import { useIsClient } from "@/components/ui/use-is-client";

const TICK_MS = 1000; // seconds are shown in the last hour
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });

function span(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s % 60} s` : `${s % 60} s`;
}

/**
 * Time left until an invite expires, ticking, with the exact instant in the viewer's timezone as a tooltip. The
 * server renders the UTC instant; the browser takes over after hydration.
 */
export function ExpiryCountdown({ iso }: { iso: string }) {
  const isClient = useIsClient();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const at = new Date(iso);
  if (!isClient) {
    return <time dateTime={iso}>{`${iso.slice(0, 16).replace("T", " ")} UTC`}</time>;
  }
  const left = at.getTime() - now;
  const title = exact.format(at);
  return (
    <time dateTime={iso} title={title}>
      {left > 0 ? `in ${span(left)}` : `expired ${span(left)} ago`}
      <span className="visually-hidden"> ({title})</span>
    </time>
  );
}
