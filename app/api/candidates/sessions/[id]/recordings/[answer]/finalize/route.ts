// POST /api/candidates/sessions/{id}/recordings/{answer}/finalize: the candidate of an in-progress session (resume
// token). Assembles and verifies the answer's chunks and marks the recording ready; idempotent.
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/validation";
import { resumeTokenFrom } from "@/lib/recordings/candidate-session";
import { FinalizeBody, finalizeRecording } from "@/lib/recordings/finalize";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { indexParam } from "@/lib/recordings/request";

type Params = { id: string; answer: string };

export const POST = apiRoute<Params>(async (request, { params }) => {
  const sessionId = uuidParam(params.id, "Session");
  const answer = indexParam(params.answer, "Answer");
  const resumeToken = resumeTokenFrom(request.headers);
  const body = parseOrThrow(FinalizeBody, await readJsonBody(request), "body");
  return json(await finalizeRecording({ sessionId, answer, resumeToken, body, storage: recordingStorage() }));
});
