import { requestedCriteria, sentTranscript, wordsOf } from "@/test/kits/evaluation";
import { type ChatReply, type ChatRequest, chatCompletionsHandler } from "./chat-completions";
import { type AiTestServer, startAiTestServer } from "./server";
import { serveTranscriptions } from "./transcriptions";

// A scripted provider for end-to-end runs and the pipeline bench (never for production): it "hears" the same sentence
// in every upload (it does no speech recognition; the fake microphone plays a tone) and its "model" scores each
// criterion with quotes cut from the transcript it was sent, so every quote is real and verifies. The summary cites
// the first quotes it was given. A fixed latency per call plays a hosted provider.

export const DEMO_HEARD =
  "I rebuilt our checkout service with a team of four engineers. We cut failed payments by half in two months. I would add better monitoring next time.";

function demoAnswer(chat: ChatRequest): ChatReply {
  const schemaName = chat.responseFormat.json_schema.name;
  if (schemaName === "session_summary") {
    const schema = chat.responseFormat.json_schema.schema as {
      properties: { strengths: { items: { properties: { quote_ids: { items: { enum?: string[] } } } } } };
    };
    const ids = schema.properties.strengths.items.properties.quote_ids.items.enum ?? [];
    const first = ids[0];
    return {
      json: {
        strengths: first
          ? [{ point: "Gives a concrete, measured result from their own work.", quote_ids: [first] }]
          : [],
        concerns: ids[1] ? [{ point: "Says little about how the result was checked.", quote_ids: [ids[1]] }] : [],
      },
    };
  }
  const transcript = sentTranscript(chat);
  const criteria = requestedCriteria(chat).map((criterion, i) => ({
    criterion,
    score: 4 - (i % 2),
    // From the middle of the answer on: a quote's second is then worth seeking to.
    quotes: [wordsOf(transcript, 6 + i * 8, 9)].filter(Boolean),
    rationale: "The answer gives a specific example with a measured outcome.",
  }));
  return { json: { criteria } };
}

export async function startDemoProvider(options: { latencyMs?: number; port?: number } = {}): Promise<AiTestServer> {
  const server = await startAiTestServer({ port: options.port, latencyMs: options.latencyMs });
  serveTranscriptions(server, { heard: () => DEMO_HEARD });
  server.handle("/chat/completions", chatCompletionsHandler(demoAnswer));
  // For e2e: `POST /v1/control/fail-next {path, status, count}` makes the next `count` calls to `path` fail.
  server.handle("/control/fail-next", (request) => {
    const { path, status, count } = JSON.parse(request.body.toString("utf8")) as {
      path: string;
      status: number;
      count: number;
    };
    for (let i = 0; i < count; i++)
      server.script(path, {
        status,
        body: { error: { message: `scripted failure ${status}`, type: "invalid_request_error" } },
      });
    return { status: 200, body: { ok: true } };
  });
  return server;
}

// As a process (Playwright's webServer, the bench): AI_DEMO_PORT, AI_DEMO_LATENCY_MS.
if (process.argv[1]?.endsWith("demo-provider.ts")) {
  const port = Number(process.env.AI_DEMO_PORT ?? 8091);
  const server = await startDemoProvider({ port, latencyMs: Number(process.env.AI_DEMO_LATENCY_MS ?? 0) });
  console.log(`[ai-demo] OpenAI-compatible demo provider at ${server.baseUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
