// POST /api/candidates/sessions/{id}/recordings/{answer}/retake: the candidate of an in-progress session (resume
// token). Starts the next take of an answer: a re-record within the interview's limit, or a restart of a cut-off take.
import { json } from "@/lib/http/api-handler";
import { candidateSessionRoute } from "@/lib/http/candidate-session-route";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { uploadsClosed } from "@/lib/recordings/candidate-session";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { indexParam } from "@/lib/recordings/request";
import { RetakeBody, retakeRecording } from "@/lib/recordings/retake";

type Params = { id: string; answer: string };

export const POST = candidateSessionRoute<Params>(
  async (request, { session, params }) => {
    const questionIndex = indexParam(params.answer, "Answer");
    const body = parseOrThrow(RetakeBody, await readJsonBody(request), "body");
    return json(
      await retakeRecording({
        session,
        questionIndex,
        body,
        storage: recordingStorage(),
        meta: requestMeta(request.headers),
      }),
    );
  },
  { whenCompleted: uploadsClosed },
);
