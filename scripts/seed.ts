// `npm run db:seed`: idempotent demo data. Refuses a non-local DATABASE_URL unless SEED_FORCE=true.
import { closeDb, getDbHandle } from "@/lib/db";
import { isLocalDatabaseUrl, seedDemoData } from "@/scripts/seeds/demo-data";
import { closeBcryptPool } from "@/lib/auth/bcrypt-pool";
import { env } from "@/lib/env";
import { startupFailureMessage } from "@/lib/server/startup-failure";

async function main() {
  const config = env();
  if (!isLocalDatabaseUrl(config.DATABASE_URL) && !config.SEED_FORCE) {
    console.error(
      "Refusing to seed demo users (known passwords) into a non-local database. Set SEED_FORCE=true to force.",
    );
    process.exit(2);
  }
  const handle = await getDbHandle();
  const { created } = await seedDemoData(handle.db);
  console.log(`demo data ready (${created} users created)`);
  await closeDb();
  await closeBcryptPool();
}

main().catch((error) => {
  console.error(startupFailureMessage(error));
  process.exit(1);
});
