// A real S3-compatible server for tests and local runs: versitygw (the Go binary `npm run s3:install` builds into
// .bin/versitygw) with its posix backend in a folder, on a loopback port. Unlike lenient test servers it enforces
// S3's rules that matter here, the 5 MiB minimum part size first.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { freeTcpPort } from "../free-port";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** VERSITYGW_BIN points at a binary from elsewhere; otherwise the one we build. */
export const VERSITYGW_BIN = process.env.VERSITYGW_BIN || path.join(ROOT, ".bin", "versitygw");
export const VERSITYGW_VERSION = "v1.7.0";

const START_TIMEOUT_MS = 20_000; // milliseconds
const STOP_GRACE_MS = 3_000; // milliseconds before SIGKILL

export interface S3ServerOptions {
  /** The posix backend's folder: each bucket is a folder in it. Created if missing. */
  dir: string;
  /** Created once the server answers. */
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  port?: number;
  /** Where the server's request log goes (appended); by default it is discarded. */
  logFile?: string;
}

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The app's settings for this server (process.env form). */
  readonly env: Record<
    "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE",
    string
  >;
  /** Stops the server (SIGTERM, then SIGKILL); resolves once it has exited. The folder is left to the caller. */
  stop(): Promise<void>;
}

export function versitygwBinary(): string | null {
  return fs.existsSync(VERSITYGW_BIN) ? VERSITYGW_BIN : null;
}

export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const binary = versitygwBinary();
  if (!binary) throw new Error(`No versitygw at ${VERSITYGW_BIN}: run \`npm run s3:install\` (needs Go).`);
  const accessKeyId = options.accessKeyId ?? "aii-test-access";
  const secretAccessKey = options.secretAccessKey ?? "aii-test-secret-key-0000";
  const port = options.port ?? (await freeTcpPort());
  fs.mkdirSync(options.dir, { recursive: true });
  const log = options.logFile ? fs.openSync(options.logFile, "a") : "ignore";
  const args = [
    "--access",
    accessKeyId,
    "--secret",
    secretAccessKey,
    "--port",
    `127.0.0.1:${port}`,
    ...(options.logFile ? [] : ["--quiet"]),
    "posix",
    options.dir,
  ];
  const child = spawn(binary, args, { stdio: ["ignore", log, log] });
  if (typeof log === "number") fs.closeSync(log);
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = signal ?? `exit ${code}`));

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(endpoint))) {
    if (exited)
      throw new Error(
        `versitygw exited while starting (${exited})${options.logFile ? `; see ${options.logFile}` : ""}`,
      );
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`versitygw did not answer on ${endpoint} within ${START_TIMEOUT_MS} ms`);
    }
    await sleep(50);
  }
  const admin = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  try {
    await admin.send(new CreateBucketCommand({ Bucket: options.bucket }));
  } finally {
    admin.destroy();
  }
  return {
    endpoint,
    bucket: options.bucket,
    accessKeyId,
    secretAccessKey,
    env: {
      S3_BUCKET: options.bucket,
      S3_REGION: "us-east-1",
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    },
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await gone;
  clearTimeout(killer);
}

/** Any HTTP answer will do: without credentials the server says 403. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
