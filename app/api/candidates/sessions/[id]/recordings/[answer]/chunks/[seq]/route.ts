// PUT /api/candidates/sessions/{id}/recordings/{answer}/chunks/{seq}: the candidate of an in-progress session
// (resume token). Stores one chunk of an answer's recording (`?take=N` after a re-record); idempotent per chunk.
import { json } from "@/lib/http/api-handler";
import { candidateSessionRoute } from "@/lib/http/candidate-session-route";
import { uploadsClosed } from "@/lib/recordings/candidate-session";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { putChunk } from "@/lib/recordings/put-chunk";
import { bodyStream, declaredLength, indexParam, takeQuery } from "@/lib/recordings/request";

type Params = { id: string; answer: string; seq: string };

export const PUT = candidateSessionRoute<Params>(
  async (request, { session, params }) => {
    const result = await putChunk({
      session,
      questionIndex: indexParam(params.answer, "Answer"),
      seq: indexParam(params.seq, "Chunk"),
      take: takeQuery(request.url),
      declaredBytes: declaredLength(request.headers),
      body: bodyStream(request),
      storage: recordingStorage(),
    });
    return json(result, { status: result.stored ? 201 : 200 });
  },
  { whenCompleted: uploadsClosed },
);
