// GET /api/livekit/status: any signed-in staff member, by Bearer token or the dashboard's session cookie. Says whether
// the configured LiveKit server answers (ListRooms, short timeout), its URL and the latency; never a key or secret.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { probe } from "@/lib/livekit/room-service";

export const GET = authedApiRoute(
  async () => {
    const status = await probe();
    return json({ ...status, checked_at: new Date().toISOString() });
  },
  { webSession: true },
);
