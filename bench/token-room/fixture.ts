import { apiCall } from "../api-call";

// The room the staff tokens are minted for, made through the public API as an interviewer and a candidate would: an
// active interview of the caller's company, one invite, and start-session on it, whose answer names the room.

export interface RoomFixture {
  interviewId: string;
  sessionId: string;
  room: string;
}

/** An in-progress session of a fresh interview owned by the user of `staffToken`, and its LiveKit room. */
export async function makeRoomFixture(opts: {
  baseUrl: string;
  staffToken: string;
  stamp: string;
}): Promise<RoomFixture> {
  const { baseUrl, staffToken: token } = opts;
  const interview = await apiCall<{ id: string }>(baseUrl, "/api/interviewer/interviews", {
    method: "POST",
    token,
    body: {
      title: `Bench token-room ${opts.stamp}`,
      position: "Benchmark",
      status: "active",
      questions: [{ text: "Bench question" }],
    },
  });
  const invite = await apiCall<{ token_value: string }>(baseUrl, `/api/interviewer/interviews/${interview.id}/tokens`, {
    method: "POST",
    token,
    body: { candidate_name: "bench-token-room" },
  });
  const session = await apiCall<{ session_id: string; livekit: { room_name: string } }>(
    baseUrl,
    "/api/candidates/interviews/start-session",
    {
      method: "POST",
      body: { token: invite.token_value },
    },
  );
  return { interviewId: interview.id, sessionId: session.session_id, room: session.livekit.room_name };
}

/** tokens_minted.total of the caller's company over the last hour, from the stats counters in the cache. */
export async function mintedLastHour(baseUrl: string, staffToken: string): Promise<number> {
  const stats = await apiCall<{ tokens_minted: { total: number } }>(baseUrl, "/api/stats", {
    method: "GET",
    token: staffToken,
  });
  return stats.tokens_minted.total;
}
