import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe } from "vitest";
import type { Env } from "@/lib/env";
import { type S3Settings, s3ClientFor } from "@/lib/recordings/s3-client";
import { type S3Server, VERSITYGW_BIN, startS3Server, versitygwBinary } from "@/scripts/s3/server-process";

// Integration tests against a real S3-compatible server (versitygw, which `npm run s3:install` builds), one per test
// file on a free loopback port, its posix backend in a temporary folder. Without the binary those suites do not run
// and the file says so once, unless S3_REQUIRED=1 (CI), where a missing server fails the file instead.

const installed = versitygwBinary() !== null;
if (!installed) {
  if (process.env.S3_REQUIRED === "1")
    throw new Error(`S3_REQUIRED=1 but there is no versitygw at ${VERSITYGW_BIN}: npm run s3:install`);
  console.warn(`S3 storage tests did not run: no versitygw at ${VERSITYGW_BIN} (npm run s3:install)`);
}

/** describe() for suites that need the S3 server: they run only when it is installed. */
export const describeWithS3 = describe.runIf(installed);
export const s3Installed = installed;

type S3Env = Pick<
  Env,
  "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE"
>;

/** Registers an S3 server with one empty bucket for the enclosing suite: started before its first test, stopped after its last. */
export function useS3Server() {
  let server: S3Server | undefined;
  let dir = "";
  const started = () => {
    if (!server) throw new Error("the S3 server is not started yet");
    return server;
  };
  const handle = {
    get server(): S3Server {
      return started();
    },
    /** The app's settings for this server (for setEnvForTests), with any other overrides. */
    env(overrides: Partial<Env> = {}): Partial<Env> {
      const s = started();
      const settings: S3Env = {
        S3_BUCKET: s.bucket,
        S3_REGION: "us-east-1",
        S3_ENDPOINT: s.endpoint,
        S3_ACCESS_KEY_ID: s.accessKeyId,
        S3_SECRET_ACCESS_KEY: s.secretAccessKey,
        S3_FORCE_PATH_STYLE: true,
      };
      return { ...settings, ...overrides };
    },
    settings(): S3Settings {
      const s = started();
      return {
        bucket: s.bucket,
        region: "us-east-1",
        endpoint: s.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      };
    },
    /** The client the app would use for this server. */
    client: (): S3Client => s3ClientFor(handle.settings()),
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-s3-"));
    server = await startS3Server({ dir, bucket: "recordings" });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}
