// POST /api/candidates/sessions/{id}/recordings/{answer}/finalize: the candidate of an in-progress session (resume
// token). Assembles and verifies the answer's chunks and marks the recording ready; idempotent.
import { json } from "@/lib/http/api-handler";
import { candidateSessionRoute } from "@/lib/http/candidate-session-route";
import { readJsonBody } from "@/lib/http/json-body";
import { parseOrThrow } from "@/lib/http/validation";
import { uploadsClosed } from "@/lib/recordings/candidate-session";
import { FinalizeBody, finalizeRecording } from "@/lib/recordings/finalize";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { indexParam } from "@/lib/recordings/request";

type Params = { id: string; answer: string };

export const POST = candidateSessionRoute<Params>(
  async (request, { session, params }) => {
    const questionIndex = indexParam(params.answer, "Answer");
    const body = parseOrThrow(FinalizeBody, await readJsonBody(request), "body");
    return json(await finalizeRecording({ session, questionIndex, body, storage: recordingStorage() }));
  },
  { whenCompleted: uploadsClosed },
);
