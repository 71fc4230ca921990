// GET /api/livekit/status: any signed-in staff member, by Bearer token or the dashboard's session cookie. Says whether
// the configured LiveKit server answers (ListRooms, short timeout), its URL, the latency and how many rooms the
// caller's company has open there (never another company's); never a key or secret.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { probe } from "@/lib/livekit/room-service";

export const GET = authedApiRoute(
  async (_request, { auth }) => {
    const status = await probe({ companyId: auth.companyId });
    return json({ ...status, checked_at: new Date().toISOString() });
  },
  { webSession: true, permission: "livekit.inspect" },
);
