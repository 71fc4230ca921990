// PUT /api/candidates/sessions/{id}/recordings/{answer}/chunks/{seq}: the candidate of an in-progress session
// (resume token). Stores one chunk of an answer's recording (`?take=N` after a re-record); idempotent per chunk.
import { apiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { resumeTokenFrom } from "@/lib/recordings/candidate-session";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { putChunk } from "@/lib/recordings/put-chunk";
import { bodyStream, declaredLength, indexParam, takeQuery } from "@/lib/recordings/request";

type Params = { id: string; answer: string; seq: string };

export const PUT = apiRoute<Params>(async (request, { params }) => {
  const result = await putChunk({
    sessionId: uuidParam(params.id, "Session"),
    answer: indexParam(params.answer, "Answer"),
    seq: indexParam(params.seq, "Chunk"),
    take: takeQuery(request.url),
    resumeToken: resumeTokenFrom(request.headers),
    declaredBytes: declaredLength(request.headers),
    body: bodyStream(request),
    storage: recordingStorage(),
  });
  return json(result, { status: result.stored ? 201 : 200 });
});
