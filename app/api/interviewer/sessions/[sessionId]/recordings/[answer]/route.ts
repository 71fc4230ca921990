// GET, HEAD /api/interviewer/sessions/{sessionId}/recordings/{answer}: HR, ADMIN, and a TEAM_LEAD who owns the
// interview, by Bearer token or the dashboard's session cookie (a <video> cannot send a header). Streams the READY
// recording of the 0-based answer, with Range support.
import { authedApiRoute } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { indexParam } from "@/lib/recordings/request";
import { openRecording } from "@/lib/review/media";
import { recordingResponse } from "@/lib/review/media-response";

type Params = { sessionId: string; answer: string };

const handler = authedApiRoute<Params>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const questionIndex = indexParam(params.answer, "Recording");
    const recording = await openRecording({ viewer: auth, sessionId, questionIndex, storage: recordingStorage() });
    return recordingResponse(request, recording);
  },
  { webSession: true, permission: "recordings.view" },
);

export const GET = handler;
export const HEAD = handler;
