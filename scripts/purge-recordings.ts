// `npm run recordings:purge`: what the daily `purge-recordings` job (lib/jobs) does, run now in this process. Deletes
// the recordings of sessions that ended more than RETENTION_MONTHS ago, those of attempts abandoned more than
// ABANDONED_RECORDINGS_RETENTION_DAYS ago, and staged upload files a crash left behind. Prints what it removed.
import { closeDb } from "@/lib/db";
import { RETENTION_MONTHS } from "@/lib/consent/text";
import { env } from "@/lib/env";
import { purgeAbandonedRecordings, purgeExpiredRecordings, sweepStagedFiles } from "@/lib/recordings/retention";
import { startupFailureMessage } from "@/lib/server/startup-failure";

async function main() {
  const swept = await sweepStagedFiles();
  console.log(`removed ${swept} staged files left by interrupted uploads`);
  const expired = await purgeExpiredRecordings();
  console.log(
    `purged ${expired.recordings} recordings of ${expired.sessions} sessions older than ${RETENTION_MONTHS} months`,
  );
  const abandoned = await purgeAbandonedRecordings();
  console.log(
    `purged ${abandoned.recordings} recordings of ${abandoned.sessions} attempts abandoned more than ${env().ABANDONED_RECORDINGS_RETENTION_DAYS} days ago`,
  );
}

main()
  .catch((error) => {
    console.error(startupFailureMessage(error));
    process.exitCode = 1;
  })
  .finally(() => closeDb());
