import type { Metadata } from "next";
import { RemindersUnsubscribe } from "@/components/candidate/reminders-unsubscribe";
import { unsubscribeTarget } from "@/lib/invites/unsubscribe";

// GET /reminders/unsubscribe?t=...: public, the "stop reminders" link of a reminder email. Shows what it stops and a
// button; visiting changes nothing. The button POSTs to /api/candidates/invites/unsubscribe.

export const metadata: Metadata = {
  title: "Reminder emails",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function RemindersUnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).t;
  const value = typeof raw === "string" && raw.length <= 200 ? raw : null;
  const target = value ? await unsubscribeTarget(value) : null;
  return (
    <RemindersUnsubscribe
      view={
        target
          ? {
              value,
              companyName: target.companyName,
              interviewTitle: target.interviewTitle,
              unsubscribedAt: target.unsubscribedAt?.toISOString() ?? null,
            }
          : { value: null }
      }
    />
  );
}
