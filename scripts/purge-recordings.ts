// `npm run recordings:purge`: deletes the recordings of sessions that ended more than RETENTION_MONTHS ago (the
// server also does this daily). Prints what it removed.
import { closeDb } from "@/db";
import { RETENTION_MONTHS } from "@/lib/consent/text";
import { EnvError } from "@/lib/env";
import { purgeExpiredRecordings } from "@/lib/recordings/retention";

purgeExpiredRecordings()
  .then(({ sessions, recordings }) => console.log(`purged ${recordings} recordings of ${sessions} sessions older than ${RETENTION_MONTHS} months`))
  .catch((error) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
