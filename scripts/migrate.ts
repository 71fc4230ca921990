// `npm run db:migrate`: applies db/migrations to PostgreSQL (DATABASE_URL) or the embedded PGlite ($DATA_DIR).
import { closeDb, getDbHandle } from "@/lib/db";
import { startupFailureMessage } from "@/lib/server/startup-failure";

getDbHandle()
  .then(async (handle) => {
    await handle.migrate();
    console.log(`migrations applied (${handle.kind})`);
    await closeDb();
  })
  .catch((error) => {
    console.error(startupFailureMessage(error));
    process.exit(1);
  });
