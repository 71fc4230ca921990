// `npm run tokens:status -- <interview-id>`: every invite of an interview with its stored and effective expiry, the
// database's now, seconds left, attempts and derived status with the reason (an operator tool; reads only).
import { eq } from "drizzle-orm";
import { closeDb, getDbHandle } from "@/lib/db";
import { interviews } from "@/db/schema";
import { inviteDiagnostics } from "@/lib/invites/diagnostics";
import { MAX_INVITES_PAGE } from "@/lib/invites/queries";
import { startupFailureMessage } from "@/lib/server/startup-failure";

async function main() {
  const interviewId = process.argv[2];
  const handle = await getDbHandle();
  if (!interviewId) {
    const all = await handle.db
      .select({ id: interviews.id, title: interviews.title, status: interviews.status })
      .from(interviews);
    console.log("usage: npm run tokens:status -- <interview-id>\n");
    console.table(all);
    return;
  }
  const [interview] = await handle.db.select().from(interviews).where(eq(interviews.id, interviewId));
  if (!interview) {
    console.error(`no interview ${interviewId}`);
    process.exitCode = 2;
    return;
  }
  console.log(`interview: ${interview.title} (${interview.status})`);
  // Page by page, so an interview with thousands of invites never loads them all at once.
  for (let skip = 0; ; skip += MAX_INVITES_PAGE) {
    const report = await inviteDiagnostics(handle.db, {
      companyId: interview.companyId,
      interviewId,
      skip,
      limit: MAX_INVITES_PAGE,
    });
    if (skip === 0)
      console.log(
        `database now: ${report.database_now}   app now: ${report.app_server_now}   skew: ${report.clock_skew_ms} ms   invites: ${report.total}`,
      );
    if (report.invites.length > 0) console.table(report.invites);
    if (skip + MAX_INVITES_PAGE >= report.total) break;
  }
}

main()
  .catch((error) => {
    console.error(startupFailureMessage(error));
    process.exitCode = 1;
  })
  .finally(() => closeDb());
