import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { SessionsTable } from "@/components/account/sessions-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { listSignInSessions } from "@/lib/auth/manage-sessions";
import { AppError } from "@/lib/errors";
import { sessionRows } from "@/components/account/session-rows";
import { revokeAllUserSessionsAction, revokeUserSessionAction } from "./actions";

const PAGE_SIZE = 100; // sessions shown: the most recently used; "sign out all" reaches the rest too

export const metadata: Metadata = { title: "Sessions of a user" };

// ADMIN: the live sign-in sessions of a user of their own company. Another company's user, or an id that is not a
// UUID, is the 404 page (never a 403 that would confirm the id exists). It lives in a route group of its own, outside
// users/, so that users/loading.tsx does not wrap it: behind that loading boundary the response would already have
// started as a 200 when the page decides on 404 or 403.
export default async function UserSessionsPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await requirePermission("users.manage");
  const { userId } = await params;
  if (!z.uuid().safeParse(userId).success) notFound();
  if (userId === viewer.userId) redirect("/dashboard/account/sessions");
  let listed: Awaited<ReturnType<typeof listSignInSessions>>;
  try {
    listed = await listSignInSessions({ actor: viewer, userId, limit: PAGE_SIZE });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { user, sessions, total } = listed;
  return (
    <>
      <PageHeader
        title={`Sessions of ${user.email}`}
        description="Where this person is signed in: browsers on the dashboard and API clients. Signing a session out ends it at once; they can sign in again unless you also deactivate them."
      />
      <p>
        <Link href="/dashboard/users">Back to users</Link>
      </p>
      <section aria-labelledby="sessions-heading" className="stack">
        <h2 id="sessions-heading">Active sessions</h2>
        <SessionsTable
          sessions={sessionRows(sessions)}
          total={total}
          owner={{ self: false, email: user.email }}
          revoke={revokeUserSessionAction}
          revokeOthers={revokeAllUserSessionsAction}
          fields={{ userId: user.id }}
        />
      </section>
    </>
  );
}
