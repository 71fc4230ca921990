// `npm run storage:migrate [-- --dry-run]`: copies recordings (and the chunks of answers still uploading) from the
// local disk ($DATA_DIR/recordings) to the S3 bucket the S3_* settings name, verifying every object's SHA-256 against
// the database after the upload. Idempotent: objects already in the bucket with the right checksum are skipped, so it
// can run before the switch and once more after it. Prints a summary; exits non-zero on any mismatch or failure.
//   --dry-run   checks and reports what would be copied, uploading nothing
import path from "node:path";
import { z } from "zod";
import { closeDb } from "@/lib/db";
import { env } from "@/lib/env";
import { migrateRecordingsToS3 } from "@/lib/recordings/migrate-to-s3";
import { s3ClientFor, s3SettingsFrom } from "@/lib/recordings/s3-client";
import { startupFailureMessage } from "@/lib/server/startup-failure";

const Args = z.array(
  z.enum(["--dry-run"], { error: (issue) => `unknown option ${String(issue.input)} (only --dry-run)` }),
);

async function main(): Promise<number> {
  const dryRun = Args.parse(process.argv.slice(2)).includes("--dry-run");
  const settings = s3SettingsFrom(env());
  if (!settings) {
    console.error(
      "S3_BUCKET is not set: name the bucket to copy to (and S3_ENDPOINT, S3_ACCESS_KEY_ID, ... as needed).",
    );
    return 2;
  }
  const root = path.join(env().DATA_DIR, "recordings");
  console.log(
    `${dryRun ? "[dry run] checking" : "copying"} recordings from ${root} to s3://${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ""}`,
  );
  const summary = await migrateRecordingsToS3({
    root,
    client: s3ClientFor(settings),
    bucket: settings.bucket,
    dryRun,
    onObject: (object, outcome, reason) => outcome === "failed" && console.error(`FAILED ${object.key}: ${reason}`),
  });
  const mib = (summary.bytesCopied / 1024 / 1024).toFixed(1);
  console.log(
    `${summary.objects} objects: ${dryRun ? `${summary.wouldCopy} to copy` : `${summary.copied} copied (${mib} MiB)`}, ` +
      `${summary.present} already in the bucket, ${summary.failures.length} failed`,
  );
  return summary.failures.length > 0 ? 1 : 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    console.error(startupFailureMessage(error));
    process.exitCode = 1;
  })
  .finally(() => closeDb());
