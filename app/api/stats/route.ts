// GET /api/stats: HR and ADMIN, by Bearer token or the dashboard's session cookie. The LiveKit token service's figures
// for the caller's company over the last hour: mints per minute, validation success rate, failures, active rooms and
// token generation latency.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { countActiveRooms, readTokenStats } from "@/lib/livekit/token-stats";

export const GET = authedApiRoute(
  async (_request, { auth }) => {
    const now = new Date();
    const [stats, activeRooms] = await Promise.all([
      readTokenStats({ companyId: auth.companyId, now }),
      countActiveRooms(auth.companyId),
    ]);
    return json({ generated_at: now.toISOString(), ...stats, active_rooms: activeRooms });
  },
  { webSession: true, permission: "livekit.stats" },
);
