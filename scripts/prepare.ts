// Run by `npm run dev` (and the e2e and bench servers) before Next boots: applies migrations, seeds demo data into a
// local database and prints where to sign in. `npm start` does neither: the server migrates as it boots, unseeded.
import { closeDb, getDbHandle } from "@/lib/db";
import { isLocalDatabaseUrl, seedDemoData, DEMO_PASSWORD } from "@/scripts/seeds/demo-data";
import { seedDemoInterview } from "@/scripts/seeds/demo-interview";
import { closeBcryptPool } from "@/lib/auth/bcrypt-pool";
import { env } from "@/lib/env";
import { httpUrl } from "@/lib/livekit/room-service";
import { startupFailureMessage } from "@/lib/server/startup-failure";

async function main() {
  const config = env();
  const handle = await getDbHandle();
  await handle.migrate();
  console.log(`[prepare] migrations applied (${handle.kind})`);
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
  console.log(await relayLine(config.LIVEKIT_URL));
  await closeDb();
  await closeBcryptPool();
}

/** Whether a LiveKit server answers at LIVEKIT_URL: without one, candidates' rooms run in local mode. */
async function relayLine(livekitUrl: string): Promise<string> {
  let answered = false;
  try {
    answered = (await fetch(httpUrl(livekitUrl), { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    answered = false;
  }
  return answered
    ? `[prepare] live relay: LiveKit answered at ${livekitUrl}; candidates' rooms go live and staff can watch`
    : `[prepare] live relay: none at ${livekitUrl}, so candidates' rooms run in local mode (answers are still recorded); \`npm run livekit\` starts one`;
}

main().catch((error) => {
  console.error(startupFailureMessage(error));
  process.exit(1);
});
