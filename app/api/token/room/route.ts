// POST /api/token/room (and /api/token/join): any staff role, by Bearer token or the dashboard's session cookie. A
// LiveKit token for one of the caller's company's interview rooms, with at most what the caller's role allows.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { assertJsonContentType } from "@/lib/http/json-content-type";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { mintStaffToken, StaffTokenBody } from "@/lib/livekit/staff-token";

export const POST = authedApiRoute(
  async (request, { auth }) => {
    assertJsonContentType(request);
    const body = parseOrThrow(StaffTokenBody, await readJsonBody(request), "body");
    const { token, server_url, room_name, identity, expires_at } = await mintStaffToken({
      actor: auth,
      body,
      meta: requestMeta(request.headers),
    });
    return json({ token, server_url, room_name, identity, expires_at });
  },
  { webSession: true },
);
