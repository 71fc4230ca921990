"use client";

import { useIsClient } from "@/components/ui/use-is-client";
import { sinceText } from "./board-labels";

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "3 days ago", with the exact moment in the viewer's timezone on hover (title) and for machines (dateTime). */
export function SinceTime({ iso, now }: { iso: string; now: string }) {
  const isClient = useIsClient();
  // The server's `now` until hydrated, so both renders agree; the browser's own clock afterwards.
  const text = sinceText(iso, isClient ? new Date() : new Date(now));
  const title = isClient ? exact.format(new Date(iso)) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={title}>
      {text}
    </time>
  );
}
