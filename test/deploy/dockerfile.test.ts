import fs from "node:fs";
import path from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine runs here, so the image is never built in CI. What can be checked without one is checked here: the
// Dockerfile is valid and makes the promises the deployment relies on, and compose.yaml wires the five services.
// .ci/production-start.sh runs the folder the image copies (the standalone output, server and worker) on PostgreSQL.

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DOCKERFILE = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments and parser directives dropped. */
function instructions(source: string): Instruction[] {
  const joined = source
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

/** The instructions of each stage, by stage name (the last stage is also under "final"). */
function stages(all: Instruction[]): Map<string, Instruction[]> {
  const byName = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const instruction of all) {
    if (instruction.keyword === "FROM") {
      current = [instruction];
      const name = /\sAS\s+(\S+)$/i.exec(instruction.args)?.[1] ?? `stage${byName.size}`;
      byName.set(name, current);
      byName.set("final", current);
    } else {
      current?.push(instruction);
    }
  }
  return byName;
}

const all = instructions(DOCKERFILE);
const byStage = stages(all);
const final = byStage.get("final") ?? [];
const argDefault = (name: string) =>
  all.find((i) => i.keyword === "ARG" && i.args.startsWith(`${name}=`))?.args.slice(name.length + 1);

describe("Dockerfile", () => {
  it("is valid (dockerfile-utils finds no problem)", () => {
    expect(validate(DOCKERFILE)).toEqual([]);
  });

  it("runs on Node 26, the current LTS, in a slim Debian image", () => {
    const from = final[0]?.args ?? "";
    const image = from.replace(/\s+AS\s+\S+$/i, "").replace("${NODE_IMAGE}", argDefault("NODE_IMAGE") ?? "");
    expect(image).toMatch(/^node:26(\.\d+){0,2}-bookworm-slim$/);
  });

  it("runs as the non-root node user, with the code owned by root", () => {
    const users = final.filter((i) => i.keyword === "USER").map((i) => i.args);
    expect(users.at(-1)).toBe("node");
    const copies = final.filter((i) => i.keyword === "COPY");
    expect(copies.some((i) => i.args.includes("--chown"))).toBe(false);
  });

  it("copies only the standalone output into the runtime: no node_modules, no devDependencies", () => {
    const copies = final.filter((i) => i.keyword === "COPY").map((i) => i.args);
    expect(copies).toEqual(["--from=build /app/.next/standalone ./"]);
    const runs = final.filter((i) => i.keyword === "RUN").map((i) => i.args);
    expect(runs.join("\n")).not.toMatch(/npm (ci|install)/);
  });

  it("installs ffmpeg for transcription", () => {
    const runs = final.filter((i) => i.keyword === "RUN").map((i) => i.args);
    expect(runs.some((run) => /apt-get install .*\bffmpeg\b/.test(run))).toBe(true);
  });

  it("builds the standalone folder with its boot wrapper and worker", () => {
    const build = byStage.get("build") ?? [];
    expect(build.some((i) => i.keyword === "RUN" && i.args.includes("node scripts/build-standalone.mjs"))).toBe(true);
  });

  it("boots through start.mjs, exposes 3000 and checks /health", () => {
    expect(final.filter((i) => i.keyword === "CMD").at(-1)?.args).toBe('["node", "start.mjs"]');
    expect(final.some((i) => i.keyword === "EXPOSE" && i.args === "3000")).toBe(true);
    const env = final
      .filter((i) => i.keyword === "ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/\bPORT=3000\b/);
    expect(env).toMatch(/\bHOSTNAME=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    const healthcheck = final.find((i) => i.keyword === "HEALTHCHECK")?.args ?? "";
    expect(healthcheck).toContain("/health");
    expect(healthcheck).toContain("fetch(");
  });

  it("runs files that exist: the boot wrapper and the standalone builder", () => {
    expect(fs.existsSync(path.join(ROOT, "scripts", "standalone-start.mjs"))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "scripts", "build-standalone.mjs"))).toBe(true);
  });
});

describe("next.config.ts", () => {
  it("builds the standalone output with the files the app reads at run time", async () => {
    const { default: config } = await import("@/next.config");
    expect(config.output).toBe("standalone");
    const included = Object.values(config.outputFileTracingIncludes ?? {}).flat();
    for (const file of ["./db/migrations/**/*", "./lib/auth/bcrypt-worker.mjs", "./node_modules/bcryptjs/**/*"]) {
      expect(included).toContain(file);
    }
    expect(included.some((file) => file.includes("dejavu-fonts-ttf"))).toBe(true);
  });
});

describe("compose.yaml", () => {
  const compose = parse(fs.readFileSync(path.join(ROOT, "compose.yaml"), "utf8")) as {
    services: Record<
      string,
      { environment?: Record<string, string>; command?: string[]; depends_on?: object; image?: string }
    >;
  };

  it("names the app, the worker, PostgreSQL 16, Redis 7 and LiveKit", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "livekit", "postgres", "redis", "worker"]);
    expect(compose.services.postgres?.image).toMatch(/^postgres:16\b/);
    expect(compose.services.redis?.image).toMatch(/^redis:7\b/);
    expect(compose.services.livekit?.image).toMatch(/^livekit\/livekit-server:v\d/);
  });

  it.each(["app", "worker"])("gives the %s the production settings, the secrets required", (name) => {
    const environment = compose.services[name]?.environment ?? {};
    for (const key of [
      "AUTH_SECRET",
      "JWT_SECRET",
      "APP_URL",
      "LIVEKIT_URL",
      "LIVEKIT_API_KEY",
      "LIVEKIT_API_SECRET",
    ]) {
      expect(environment[key], key).toMatch(new RegExp(`^\\$\\{${key}:\\?`));
    }
    expect(environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(environment.REDIS_URL).toBe("redis://redis:6379");
    expect(environment.WORKER_IN_PROCESS).toBe("false");
  });

  it("runs the worker from the same image, after PostgreSQL is healthy", () => {
    expect(compose.services.worker?.command).toEqual(["node", "worker.mjs"]);
    expect(compose.services.worker?.image).toBe(compose.services.app?.image);
    expect(compose.services.worker?.depends_on).toMatchObject({ postgres: { condition: "service_healthy" } });
    expect(compose.services.app?.depends_on).toMatchObject({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
  });

  it("configures LiveKit with the app's key pair and its webhook", () => {
    const config = parse(compose.services.livekit?.environment?.LIVEKIT_CONFIG ?? "") as {
      keys: Record<string, string>;
      webhook: { api_key: string; urls: string[] };
    };
    expect(config.keys).toEqual({ "${LIVEKIT_API_KEY}": "${LIVEKIT_API_SECRET}" });
    expect(config.webhook.urls).toEqual(["http://app:3000/api/livekit/webhook"]);
  });
});
