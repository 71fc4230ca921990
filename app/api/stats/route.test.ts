import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setKvForTests } from "@/lib/kv";
import { createUpstashKv } from "@/lib/kv/upstash";
import { startedSession } from "@/test/kits/recordings";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST as mintRoute } from "../token/room/route";
import { POST as validateRoute } from "../token/validate/route";
import { GET } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const HR = "hr@nextgenai.com";
const ADMIN = "admin@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";
const tokens: Record<string, string> = {};

beforeAll(async () => {
  for (const who of [HR, ADMIN, LEAD, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
});

afterEach(() => setKvForTests(undefined));

const stats = (who?: string) => call(GET, "/api/stats", { token: who ? tokens[who] : undefined, ip });
const mint = (who: string, room: string, permissions?: Record<string, boolean>) =>
  call(mintRoute, "/api/token/room", {
    method: "POST",
    token: tokens[who],
    ip,
    body: {
      room_name: room,
      participant_name: "Someone",
      participant_identity: "desk",
      ...(permissions ? { permissions } : {}),
    },
  });
const validate = (who: string, token: string) =>
  call(validateRoute, "/api/token/validate", { method: "POST", token: tokens[who], ip, body: { token } });

describe("GET /api/stats", () => {
  it("starts empty, with 60 one-minute buckets ending now", async () => {
    const res = await stats(HR);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      window_minutes: 60,
      tokens_minted: { total: 0 },
      validations: { total: 0, valid: 0, invalid: 0, success_rate: null },
      failed_operations: { total: 0, mint: 0, validate: 0 },
      latency_ms: { samples: 0, p50: null, p99: null },
      active_rooms: 0,
    });
    const minutes = res.json.tokens_minted.per_minute as { minute: string; count: number }[];
    expect(minutes).toHaveLength(60);
    const last = Date.parse(minutes.at(-1)!.minute);
    expect(Date.now() - last).toBeLessThan(60_000 + 1_000);
    expect(last - Date.parse(minutes[0]!.minute)).toBe(59 * 60_000);
  });

  it("counts the company's mints, validations and failures, with latency percentiles and active rooms", async () => {
    const hr = actorFrom(fixture.people[HR]!, "HR");
    const rooms = [
      `interview-${(await startedSession(hr)).sessionId}`,
      `interview-${(await startedSession(hr)).sessionId}`,
    ];
    const minted: string[] = [];
    for (const [who, room] of [
      [HR, rooms[0]!],
      [ADMIN, rooms[1]!],
      [HR, rooms[1]!],
    ] as const) {
      const res = await mint(who, room);
      expect(res.status).toBe(200);
      minted.push(res.json.token);
    }
    expect((await mint(EMPLOYEE, rooms[0]!, { can_publish_data: true })).status).toBe(403);
    expect((await mint(HR, "interview-nowhere")).status).toBe(404);
    expect((await validate(LEAD, minted[0]!)).json.valid).toBe(true);
    expect((await validate(HR, minted[1]!)).json.valid).toBe(true);
    expect((await validate(HR, "garbage")).json.valid).toBe(false);

    const res = await stats(ADMIN);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tokens_minted: { total: 3 },
      validations: { total: 3, valid: 2, invalid: 1 },
      failed_operations: { total: 3, mint: 2, validate: 1 },
      latency_ms: { samples: 3 },
      active_rooms: 2,
    });
    expect(res.json.validations.success_rate).toBeCloseTo(2 / 3);
    const perMinute = res.json.tokens_minted.per_minute as { count: number }[];
    expect(perMinute.reduce((sum, m) => sum + m.count, 0)).toBe(3);
    expect(perMinute.slice(0, 55).every((m) => m.count === 0)).toBe(true);
    const { p50, p99 } = res.json.latency_ms;
    expect(p50).toBeGreaterThan(0);
    expect(p99).toBeGreaterThanOrEqual(p50);
    expect(p99).toBeLessThan(10_000);

    // Another company's figures are its own.
    expect((await stats(GLOBEX)).json).toMatchObject({
      tokens_minted: { total: 0 },
      validations: { total: 0 },
      failed_operations: { total: 0 },
      active_rooms: 0,
    });
  });

  it("is for HR and ADMIN only", async () => {
    expect((await stats(EMPLOYEE)).status).toBe(403);
    expect((await stats(LEAD)).status).toBe(403);
    expect((await stats()).status).toBe(401);
  });

  it("answers 503 while the cache is unreachable, since the figures live there", async () => {
    setKvForTests(createUpstashKv({ url: "http://127.0.0.1:9", token: "nothing-listens-here" }));
    expect((await stats(HR)).status).toBe(503);
  });
});
