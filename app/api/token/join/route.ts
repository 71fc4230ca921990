// POST /api/token/join: the seed's name for a participant joining; the same staff-only behaviour as /api/token/room.
export { POST } from "../room/route";
