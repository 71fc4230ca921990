"use client";

import { buttonClass } from "@/components/ui/button";
import { useIsClient } from "@/components/ui/use-is-client";

/**
 * The candidate report's download link. Once in the browser it asks for the viewer's timezone, so the PDF's times
 * read like the dashboard's; the server render links to the UTC report.
 */
export function ReportLink({ sessionId }: { sessionId: string }) {
  const isClient = useIsClient();
  const tz = isClient ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  const href = `/api/interviewer/sessions/${sessionId}/report${tz ? `?tz=${encodeURIComponent(tz)}` : ""}`;
  return (
    <p>
      <a href={href} download className={buttonClass("secondary")}>
        Download report (PDF)
      </a>
    </p>
  );
}
