import type { Metadata } from "next";
import { OutboxTable } from "@/components/invites/outbox-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { outboxPage } from "@/lib/email/outbox";
import { first, pageNumber, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Outbox" };

const PAGE_SIZE = 25; // emails per page

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("outbox.read");
  const page = pageNumber.parse(first((await searchParams).page));
  const { items, total } = await outboxPage({ viewer, page, pageSize: PAGE_SIZE });
  const emails = items.map((e) => ({
    id: e.id,
    to: e.toAddress,
    subject: e.subject,
    text: e.textBody,
    status: e.status,
    transport: e.transport,
    error: e.error,
    attempts: e.attempts,
    lastAttemptAt: e.lastAttemptAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    sentAt: e.sentAt?.toISOString() ?? null,
  }));
  return (
    <>
      <PageHeader
        title="Outbox"
        description="The emails of the interviews you manage and how their delivery is going. With a mail server they are sent in the background and retried when it is busy; without one, invites wait here: open one to copy the candidate's link. Once an email is delivered, the copy kept here no longer holds the link."
      />
      <section aria-labelledby="outbox-heading" className="stack">
        <h2 id="outbox-heading">Emails, newest first</h2>
        <OutboxTable emails={emails} />
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/dashboard/outbox" />
      </section>
    </>
  );
}
