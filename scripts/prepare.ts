// Run by `npm run dev` and `npm start` before Next boots: applies migrations and (unless --no-seed) seeds demo data.
import { closeDb, getDbHandle } from "@/db";
import { isLocalDatabaseUrl, seedDemoData, DEMO_PASSWORD } from "@/db/seed";
import { seedDemoInterview } from "@/db/seed-interview";
import { closeBcryptPool } from "@/lib/auth/bcrypt-pool";
import { env, EnvError } from "@/lib/env";

async function main() {
  const config = env();
  const handle = await getDbHandle();
  await handle.migrate();
  console.log(`[prepare] migrations applied (${handle.kind})`);
  if (!process.argv.includes("--no-seed")) {
    if (!isLocalDatabaseUrl(config.DATABASE_URL) && !config.SEED_FORCE) {
      console.log("[prepare] DATABASE_URL is not local: demo seed skipped (set SEED_FORCE=true to force)");
    } else {
      const { created } = await seedDemoData(handle.db);
      const demo = await seedDemoInterview(handle.db);
      console.log(`[prepare] demo data ready (${created} users created${demo ? ", demo interview created" : ""})`);
      const url = config.APP_URL ?? `http://localhost:${config.PORT}`;
      console.log(`\n  AI Interviewer: ${url}/login\n  Sign in as admin@nextgenai.com / ${DEMO_PASSWORD}`);
      if (demo) console.log(`  A demo candidate invite (shown once): ${url}/interview/${demo.inviteValue}`);
      console.log("");
    }
  }
  await closeDb();
  await closeBcryptPool();
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
