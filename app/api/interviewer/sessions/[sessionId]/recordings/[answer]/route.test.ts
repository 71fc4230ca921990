import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { login } from "@/lib/auth/login";
import { SESSION_LIFETIME_S } from "@/lib/auth/session-lifetime";
import { env } from "@/lib/env";
import { MP4_HEAD, startedSession, useTempDataDir } from "@/test/kits/recordings";
import { recordAnswer, webmOf } from "@/test/kits/review";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET, HEAD } from "./route";

const fixture = useTestDb();
useTempDataDir();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";

beforeAll(async () => {
  for (const who of [HR, "lead@nextgenai.com", "employee@nextgenai.com", "admin@globex.com"])
    tokens[who] = (await apiLogin(who, ip)).access_token;
});

const hr = () => actorFrom(fixture.people[HR]!, "HR");

async function fetchMedia(
  sessionId: string,
  answer: number | string,
  options: { who?: string; headers?: Record<string, string>; method?: string } = {},
) {
  const headers = new Headers(options.headers);
  if (options.who) headers.set("authorization", `Bearer ${tokens[options.who]}`);
  const request = new Request(`http://localhost:3000/api/interviewer/sessions/${sessionId}/recordings/${answer}`, {
    method: options.method ?? "GET",
    headers,
  });
  const handler = request.method === "HEAD" ? HEAD : GET;
  const response = await handler(request, { params: Promise.resolve({ sessionId, answer: String(answer) }) });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** A session with answer 1 recorded as `file` (ready) and answer 2 uploaded but never finalized. */
async function recorded(file: Buffer, mimeType = "video/webm;codecs=vp8,opus") {
  const s = await startedSession(hr());
  await recordAnswer(s, 1, file, { mimeType });
  await recordAnswer(s, 2, webmOf(64), { finalize: false });
  return s;
}

const file = webmOf(1000, 3);
file.write("MIDDLE", 500);

describe("GET /api/interviewer/sessions/{sessionId}/recordings/{answer}", () => {
  it("streams the whole file with its type, inline name from the server, private caching and Accept-Ranges", async () => {
    const s = await recorded(file);
    const res = await fetchMedia(s.sessionId, 1, { who: HR });
    expect(res.status).toBe(200);
    expect(res.body.equals(file)).toBe(true);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "video/webm",
      "content-length": "1000",
      "content-disposition": 'inline; filename="answer-2.webm"',
      "cache-control": "private, max-age=0, must-revalidate",
      "x-content-type-options": "nosniff",
      "accept-ranges": "bytes",
    });
    expect(res.headers.get("cache-control")).not.toMatch(/no-store/);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it("serves bytes=a-b, a- and -n as 206 with Content-Range; past the end is 416 with bytes */size", async () => {
    const s = await recorded(file);
    const ranged = async (range: string) => fetchMedia(s.sessionId, 1, { who: HR, headers: { range } });

    const mid = await ranged("bytes=500-505");
    expect(mid.status).toBe(206);
    expect(mid.body.toString()).toBe("MIDDLE");
    expect(mid.headers.get("content-range")).toBe("bytes 500-505/1000");
    expect(mid.headers.get("content-length")).toBe("6");
    expect(mid.headers.get("content-type")).toBe("video/webm");

    const open = await ranged("bytes=990-");
    expect([open.status, open.headers.get("content-range"), open.body.equals(file.subarray(990))]).toEqual([
      206,
      "bytes 990-999/1000",
      true,
    ]);
    const suffix = await ranged("bytes=-4");
    expect([suffix.status, suffix.headers.get("content-range"), suffix.body.equals(file.subarray(996))]).toEqual([
      206,
      "bytes 996-999/1000",
      true,
    ]);
    const clamped = await ranged("bytes=0-99999");
    expect([clamped.status, clamped.headers.get("content-range"), clamped.body.length]).toEqual([
      206,
      "bytes 0-999/1000",
      1000,
    ]);

    for (const range of ["bytes=1000-", "bytes=5000-6000", "bytes=-0"]) {
      const past = await ranged(range);
      expect(past.status).toBe(416);
      expect(past.headers.get("content-range")).toBe("bytes */1000");
      expect(JSON.parse(past.body.toString())).toEqual({
        detail: "Requested range not satisfiable",
        code: "range_not_satisfiable",
      });
    }
  });

  it("answers several ranges, a malformed Range or a stale If-Range with the whole file (200); If-None-Match with 304", async () => {
    const s = await recorded(file);
    const ignored: Record<string, string>[] = [
      { range: "bytes=0-1,10-11" },
      { range: "bytes=9-2" },
      { range: "lines=1-2" },
      { range: "bytes=0-9", "if-range": '"stale"' },
    ];
    for (const headers of ignored) {
      const res = await fetchMedia(s.sessionId, 1, { who: HR, headers });
      expect([res.status, res.body.length, res.headers.get("content-range")]).toEqual([200, 1000, null]);
    }
    const etag = (await fetchMedia(s.sessionId, 1, { who: HR, method: "HEAD" })).headers.get("etag")!;
    expect(
      (await fetchMedia(s.sessionId, 1, { who: HR, headers: { range: "bytes=0-9", "if-range": etag } })).status,
    ).toBe(206);
    const unchanged = await fetchMedia(s.sessionId, 1, { who: HR, headers: { "if-none-match": etag } });
    expect([unchanged.status, unchanged.body.length, unchanged.headers.get("etag")]).toEqual([304, 0, etag]);
  });

  it("HEAD gives the headers without a body; MP4 is named .mp4", async () => {
    const s = await recorded(file);
    const head = await fetchMedia(s.sessionId, 1, { who: HR, method: "HEAD", headers: { range: "bytes=0-9" } });
    expect([
      head.status,
      head.headers.get("content-length"),
      head.headers.get("content-range"),
      head.body.length,
    ]).toEqual([206, "10", "bytes 0-9/1000", 0]);

    const mp4 = Buffer.concat([MP4_HEAD, Buffer.alloc(200, 1)]);
    const m = await recorded(mp4, "video/mp4");
    const res = await fetchMedia(m.sessionId, 1, { who: HR });
    expect([res.headers.get("content-type"), res.headers.get("content-disposition")]).toEqual([
      "video/mp4",
      'inline; filename="answer-2.mp4"',
    ]);
    expect(res.body.equals(mp4)).toBe(true);
  });

  it("a recording that is not ready, an answer never recorded or out of range, and a malformed path are 404", async () => {
    const s = await recorded(file);
    for (const answer of [2, 0, 7, "-1", "1e2", "x"]) {
      const res = await fetchMedia(s.sessionId, answer, { who: HR });
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect((await fetchMedia("not-a-uuid", 1, { who: HR })).status).toBe(404);
  });

  it("EMPLOYEE 403; another company 404; a TEAM_LEAD 403 for an interview they do not own; no credentials 401", async () => {
    const s = await recorded(file);
    expect((await fetchMedia(s.sessionId, 1, { who: "employee@nextgenai.com" })).status).toBe(403);
    const foreign = await fetchMedia(s.sessionId, 1, { who: "admin@globex.com" });
    expect([foreign.status, JSON.parse(foreign.body.toString())]).toEqual([
      404,
      { detail: "Session not found", code: "not_found" },
    ]);
    expect((await fetchMedia(s.sessionId, 1, { who: "lead@nextgenai.com" })).status).toBe(403);
    const own = await startedSession(actorFrom(fixture.people["lead@nextgenai.com"]!, "TEAM_LEAD"));
    await recordAnswer(own, 0, file);
    expect((await fetchMedia(own.sessionId, 0, { who: "lead@nextgenai.com" })).status).toBe(200);
    expect((await fetchMedia(s.sessionId, 1)).status).toBe(401);
  });

  it("accepts the dashboard's session cookie (what a <video> sends), but not an API session's id in one", async () => {
    const s = await recorded(file);
    const cookieFor = async (kind: "web" | "api", name: string) => {
      const { user, session } = await login({
        email: HR,
        password: DEMO_PASSWORD,
        kind,
        meta: { ip, userAgent: "vitest" },
      });
      const jwt = await encode({
        token: { sub: user.id, sid: session.id },
        secret: env().AUTH_SECRET,
        salt: name,
        maxAge: SESSION_LIFETIME_S,
      });
      return { cookie: `theme=dark; ${name}=${jwt}` };
    };
    const plain = await fetchMedia(s.sessionId, 1, { headers: await cookieFor("web", "authjs.session-token") });
    expect([plain.status, plain.body.length]).toEqual([200, 1000]);
    const secure = await fetchMedia(s.sessionId, 1, {
      headers: { ...(await cookieFor("web", "__Secure-authjs.session-token")), range: "bytes=0-3" },
    });
    expect(secure.status).toBe(206);
    expect((await fetchMedia(s.sessionId, 1, { headers: await cookieFor("api", "authjs.session-token") })).status).toBe(
      401,
    );
    expect((await fetchMedia(s.sessionId, 1, { headers: { cookie: "authjs.session-token=forged" } })).status).toBe(401);
  });
});
