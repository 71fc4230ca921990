import { TokenVerifier } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { send, startedSession } from "@/test/kits/recordings";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "./route";

const fixture = useTestDb();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

const refresh = (sessionId: string, token?: string) =>
  send(POST, {
    method: "POST",
    path: `/api/candidates/sessions/${sessionId}/livekit-token`,
    params: { id: sessionId },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe("POST /api/candidates/sessions/{id}/livekit-token", () => {
  it("mints a fresh 15-minute token for the session's own room and identity", async () => {
    const s = await startedSession(hr());
    const response = await refresh(s.sessionId, s.resumeToken);
    expect(response.status).toBe(200);
    const { livekit } = response.json;
    expect(livekit.room_name).toBe(`interview-${s.sessionId}`);
    const claims = await new TokenVerifier(env().LIVEKIT_API_KEY, env().LIVEKIT_API_SECRET).verify(
      livekit.participant_token,
    );
    expect(claims.sub).toBe(`candidate-${s.sessionId}`);
    expect(claims.video).toMatchObject({ room: `interview-${s.sessionId}`, roomJoin: true, roomAdmin: false });
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(15 * 60);
    expect(new Date(livekit.expires_at).getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
  });

  it("needs the session's resume token: none is 401, another's is 404", async () => {
    const s = await startedSession(hr());
    const other = await startedSession(hr());
    expect((await refresh(s.sessionId)).status).toBe(401);
    expect((await refresh(s.sessionId, other.resumeToken)).status).toBe(404);
    expect((await refresh("not-a-uuid", s.resumeToken)).status).toBe(404);
  });
});
