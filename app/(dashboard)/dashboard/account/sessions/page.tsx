import type { Metadata } from "next";
import { SessionsTable } from "@/components/account/sessions-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/dal";
import { listSignInSessions } from "@/lib/auth/manage-sessions";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";
import { sessionRows } from "@/components/account/session-rows";

const PAGE_SIZE = 100; // sessions shown: the most recently used; "sign out all" reaches the rest too

export const metadata: Metadata = { title: "Your sessions" };

export default async function SessionsPage() {
  const user = await requireUser();
  const { sessions, total } = await listSignInSessions({ actor: user, limit: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Your sessions"
        description="Everywhere you are signed in: browsers on the dashboard and API clients. Sign out any you do not recognise, then change your password."
      />
      <section aria-labelledby="sessions-heading" className="stack">
        <h2 id="sessions-heading">Active sessions</h2>
        <SessionsTable
          sessions={sessionRows(sessions)}
          total={total}
          owner={{ self: true }}
          revoke={revokeSessionAction}
          revokeOthers={revokeOtherSessionsAction}
        />
      </section>
    </>
  );
}
