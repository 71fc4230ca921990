import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startMailCatcher } from "./mail-catcher";
import { freeTcpPort } from "@/scripts/free-port";
import { type Child, startChild, stopChild, waitForLog, waitUntilAnswers } from "./processes";
import { startClusterS3 } from "./s3";

// The two-instance cluster (issue 13's proof): two `npm start` servers on one PostgreSQL database, one Redis and one
// S3 server, plus one `npm run worker`, each instance with its own empty DATA_DIR, so nothing can pass through a local
// disk. The tests send alternate requests to each. Needs a production build (.next) and PostgreSQL and Redis running.

declare module "vitest" {
  export interface ProvidedContext {
    instanceA: string;
    instanceB: string;
    mailDir: string;
    clusterDatabaseUrl: string;
    clusterRedisUrl: string;
    clusterStorage: string;
    /** The log files of the worker and of the two instances. */
    clusterLogs: { worker: string; instances: string[] };
  }
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PG_URL = process.env.CLUSTER_PG_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// A Redis database of its own, emptied first: throttle counters of an earlier run must not leak into this one.
const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? "redis://127.0.0.1:6379/7";
const BOOT_TIMEOUT_MS = 120_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(ROOT, ".next", "server", "instrumentation.js"))) {
    throw new Error("No production build in .next: run `npm run build` first (the cluster runs `npm start` twice).");
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "aii-cluster-"));
  const children: Child[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => console.error("[cluster] cleanup:", error));
    if (process.env.CLUSTER_KEEP_LOGS !== "1") fs.rmSync(work, { recursive: true, force: true });
    else console.log(`[cluster] logs kept in ${work}`);
  };
  try {
    const databaseUrl = await createDatabase(cleanups);
    await emptyRedis(REDIS_URL);
    const mailDir = path.join(work, "mail");
    const mail = await startMailCatcher(mailDir);
    cleanups.push(mail.close);
    const s3 = await startClusterS3(path.join(work, "s3"));
    cleanups.push(s3.stop);

    const [portA, portB] = [await freeTcpPort(), await freeTcpPort()];
    const instanceA = `http://localhost:${portA}`;
    const instanceB = `http://localhost:${portB}`;
    const common: NodeJS.ProcessEnv = {
      ...process.env,
      ...s3.env,
      NODE_ENV: "production",
      LOCAL_DEMO: "true", // the dev secrets, shared by every process of the cluster
      NEXT_MANUAL_SIG_HANDLE: "true",
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      SMTP_URL: mail.url,
      APP_URL: instanceA,
      WORKER_IN_PROCESS: "false",
      REFRESH_REUSE_GRACE_SECONDS: "0",
      LIVEKIT_URL: "ws://127.0.0.1:9", // no relay: rooms run in local mode
      LOG_LEVEL: "info",
    };
    const prepare = startChild(
      "prepare",
      "npx",
      ["tsx", "--import", "./scripts/register-server-only.mjs", "scripts/prepare.ts"],
      { cwd: ROOT, env: { ...common, DATA_DIR: path.join(work, "prepare") }, log: path.join(work, "prepare.log") },
    );
    await new Promise<void>((resolve, reject) =>
      prepare.process.once("exit", (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`prepare failed (${code}):\n${fs.readFileSync(prepare.log, "utf8")}`)),
      ),
    );

    const worker = startChild(
      "worker",
      "npx",
      ["tsx", "--import", "./scripts/register-server-only.mjs", "scripts/worker.ts"],
      { cwd: ROOT, env: { ...common, DATA_DIR: path.join(work, "worker") }, log: path.join(work, "worker.log") },
    );
    children.push(worker);
    for (const [name, port] of [
      ["instance A", portA],
      ["instance B", portB],
    ] as const) {
      const dataDir = path.join(work, name.replace(" ", "-"));
      fs.mkdirSync(dataDir, { recursive: true });
      const child = startChild(name, process.execPath, ["scripts/start.mjs", "-p", String(port)], {
        cwd: ROOT,
        env: { ...common, PORT: String(port), DATA_DIR: dataDir },
        log: path.join(work, `${name.replace(" ", "-")}.log`),
      });
      children.push(child);
    }
    await Promise.all([
      waitForLog(worker, "worker.ready", BOOT_TIMEOUT_MS),
      waitUntilAnswers(children[1]!, `${instanceA}/health`, BOOT_TIMEOUT_MS),
      waitUntilAnswers(children[2]!, `${instanceB}/health`, BOOT_TIMEOUT_MS),
    ]);
    console.log(
      `[cluster] A ${instanceA}, B ${instanceB}, worker pid ${worker.process.pid}, storage ${s3.label}, redis ${REDIS_URL}`,
    );

    project.provide("instanceA", instanceA);
    project.provide("instanceB", instanceB);
    project.provide("mailDir", mailDir);
    project.provide("clusterDatabaseUrl", databaseUrl);
    project.provide("clusterRedisUrl", REDIS_URL);
    project.provide("clusterStorage", s3.label);
    project.provide("clusterLogs", { worker: worker.log, instances: [children[1]!.log, children[2]!.log] });
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}

async function createDatabase(cleanups: (() => Promise<void>)[]): Promise<string> {
  const name = `aii_cluster_${randomBytes(6).toString("hex")}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function emptyRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
