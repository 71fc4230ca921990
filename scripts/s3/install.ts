// `npm run s3:install`: builds versitygw (an S3-compatible server, Apache-2.0) from the Go module proxy into
// .bin/versitygw, for the S3 storage tests and `npm run storage:migrate` rehearsals.
//   --if-missing   do nothing when the binary is already there (npm test and .ci/run use this)
// Without Go it says how to get one and exits non-zero; with --if-missing it only warns (the S3 suites then do not run
// and say so), unless S3_REQUIRED=1 (CI), where a missing server is an error.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, VERSITYGW_BIN, VERSITYGW_VERSION, versitygwBinary } from "./server-process";

const MODULE = `github.com/versity/versitygw/cmd/versitygw@${VERSITYGW_VERSION}`;

export const HOW_TO_GET_A_SERVER = `To test against a real S3-compatible server here, either
  - install Go (https://go.dev/dl/) and run \`npm run s3:install\`, which runs
      go install ${MODULE}
    and puts the binary at .bin/versitygw; or
  - download versitygw's release binary (https://github.com/versity/versitygw/releases) and set VERSITYGW_BIN to its path.
Without it the app and its tests keep recordings on the local disk; only the S3 storage suites are skipped.`;

export function installVersitygw({ ifMissing }: { ifMissing: boolean }): number {
  if (ifMissing && versitygwBinary()) {
    console.log(`[s3] versitygw present: ${VERSITYGW_BIN}`);
    return 0;
  }
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error || go.status !== 0) {
    console.error(`[s3] Go is not installed, so versitygw cannot be built.\n${HOW_TO_GET_A_SERVER}`);
    if (ifMissing && process.env.S3_REQUIRED !== "1") {
      console.error("[s3] The tests that need a real S3-compatible server will not run.");
      return 0;
    }
    return 1;
  }
  const gobin = fs.mkdtempSync(path.join(os.tmpdir(), "aii-gobin-"));
  try {
    console.log(`[s3] ${go.stdout.trim()}: go install ${MODULE} (a few minutes the first time)`);
    const started = Date.now();
    const result = spawnSync("go", ["install", MODULE], { stdio: "inherit", env: { ...process.env, GOBIN: gobin } });
    if (result.status !== 0) {
      console.error(`[s3] go install failed (${result.signal ?? `exit ${result.status}`}).\n${HOW_TO_GET_A_SERVER}`);
      return 1;
    }
    const target = path.join(ROOT, ".bin", "versitygw");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(gobin, "versitygw"), `${target}.tmp`);
    fs.chmodSync(`${target}.tmp`, 0o755);
    fs.renameSync(`${target}.tmp`, target); // a concurrent run never sees half a binary
    console.log(`[s3] installed ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
    return 0;
  } finally {
    fs.rmSync(gobin, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  process.exit(installVersitygw({ ifMissing: process.argv.includes("--if-missing") }));
}
