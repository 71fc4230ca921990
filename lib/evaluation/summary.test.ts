import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatCompletionsHandler, type ChatRequest } from "@/test/ai-server/chat-completions";
import { startAiTestServer, type AiTestServer } from "@/test/ai-server/server";
import type { CriterionEvaluation } from "./evaluate-answer";
import { deterministicSummary, SUMMARY_PROMPT_VERSION, summarizeSession, type SummaryAnswerInput } from "./summary";
import { testConfig } from "@/test/kits/evaluation";

const scored = (criterion: string, score: 1 | 2 | 3 | 4 | 5, quotes: [string, number][]): CriterionEvaluation => ({
  criterion,
  status: "scored",
  score,
  evidence: quotes.map(([text, start]) => ({ text, start, end: start + 2 })),
  rationale: `SECRET-RATIONALE for ${criterion}`,
  reasked: false,
});

const answers: SummaryAnswerInput[] = [
  {
    answer: 0,
    criteria: [
      scored("Specificity", 5, [["we moved five thousand customers in two weeks", 12]]),
      scored("Clarity", 2, [["it was kind of a thing with the stuff", 3]]),
      { criterion: "Teamwork", status: "insufficient_evidence", rationale: "Not shown.", reasked: false },
    ],
  },
  {
    answer: 1,
    criteria: [
      scored("Specificity", 4, [
        ["I wrote the rollback plan first", 40],
        ["we never tested the restore", 55],
      ]),
      scored("Clarity", 3, [["so the plan had three phases", 7]]),
      { criterion: "Teamwork", status: "unverifiable", reason: "quotes_not_found", reasked: true },
    ],
  },
];

describe("deterministicSummary", () => {
  it("lists high scores as strengths and low ones as concerns, each with its verified quotes", () => {
    const summary = deterministicSummary(answers);
    expect(summary.source).toBe("deterministic");
    expect(summary.strengths).toEqual([
      {
        text: "Specificity: scored 5/5 in answer 1.",
        evidence: [
          {
            text: "we moved five thousand customers in two weeks",
            start: 12,
            end: 14,
            answer: 0,
            criterion: "Specificity",
          },
        ],
      },
      {
        text: "Specificity: scored 4/5 in answer 2.",
        evidence: [
          { text: "I wrote the rollback plan first", start: 40, end: 42, answer: 1, criterion: "Specificity" },
          { text: "we never tested the restore", start: 55, end: 57, answer: 1, criterion: "Specificity" },
        ],
      },
    ]);
    expect(summary.concerns.map((c) => c.text)).toEqual(["Clarity: scored 2/5 in answer 1."]);
    expect(summary.gaps).toEqual([
      { criterion: "Teamwork", status: "insufficient_evidence", answers: [0] },
      { criterion: "Teamwork", status: "unverifiable", answers: [1] },
    ]);
  });
});

describe("summarizeSession", () => {
  let server: AiTestServer;
  const bodies = () => server.requests.map((r) => JSON.parse(r.body.toString("utf8")));
  const idOf = (chat: ChatRequest, text: string) => {
    const items = JSON.parse(chat.messages[1]!.content.split("\n").slice(1).join("\n")) as {
      quotes: { id: string; text: string }[];
    }[];
    return items.flatMap((i) => i.quotes).find((q) => q.text === text)!.id;
  };

  beforeAll(async () => {
    server = await startAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it("builds strengths and concerns that cite verified quotes by id, mapped back to answer and time", async () => {
    server.handle(
      "/chat/completions",
      chatCompletionsHandler((chat) => ({
        json: {
          strengths: [
            {
              point: "Gives concrete, measurable outcomes.",
              quote_ids: [
                idOf(chat, "we moved five thousand customers in two weeks"),
                idOf(chat, "I wrote the rollback plan first"),
              ],
            },
          ],
          concerns: [
            {
              point: 'Admits that "we never tested the restore".',
              quote_ids: [idOf(chat, "we never tested the restore")],
            },
            // Puts words in the candidate's mouth that its cited quote does not hold: dropped.
            {
              point: 'Says "I hate working in teams".',
              quote_ids: [idOf(chat, "it was kind of a thing with the stuff")],
            },
          ],
        },
      })),
    );
    const summary = await summarizeSession(answers, {
      config: testConfig(server.baseUrl, { priceInputPer1k: 1, priceOutputPer1k: 2 }),
    });

    expect(summary).toMatchObject({
      source: "ai",
      promptVersion: SUMMARY_PROMPT_VERSION,
      model: "test-eval-model",
      droppedPoints: 1,
    });
    expect(summary.strengths).toEqual([
      {
        text: "Gives concrete, measurable outcomes.",
        evidence: [
          {
            text: "we moved five thousand customers in two weeks",
            start: 12,
            end: 14,
            answer: 0,
            criterion: "Specificity",
          },
          { text: "I wrote the rollback plan first", start: 40, end: 42, answer: 1, criterion: "Specificity" },
        ],
      },
    ]);
    expect(summary.concerns).toEqual([
      {
        text: 'Admits that "we never tested the restore".',
        evidence: [{ text: "we never tested the restore", start: 55, end: 57, answer: 1, criterion: "Specificity" }],
      },
    ]);
    expect(summary.gaps).toHaveLength(2);
    expect(summary.usage.totalTokens).toBeGreaterThan(0);
    expect(typeof summary.costUsd).toBe("number");
  });

  it("sends only criterion names, scores and verified quotes, with a strict schema over the quote ids", async () => {
    server.handle(
      "/chat/completions",
      chatCompletionsHandler(() => ({ json: { strengths: [], concerns: [] } })),
    );
    await summarizeSession(answers, { config: testConfig(server.baseUrl) });

    const [body] = bodies();
    expect(body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "session_summary", strict: true },
    });
    const user = body.messages[1].content as string;
    expect(JSON.parse(user.split("\n").slice(1).join("\n"))).toEqual([
      {
        criterion: "Specificity",
        score: 5,
        quotes: [{ id: "q1", text: "we moved five thousand customers in two weeks" }],
      },
      { criterion: "Clarity", score: 2, quotes: [{ id: "q2", text: "it was kind of a thing with the stuff" }] },
      {
        criterion: "Specificity",
        score: 4,
        quotes: [
          { id: "q3", text: "I wrote the rollback plan first" },
          { id: "q4", text: "we never tested the restore" },
        ],
      },
      { criterion: "Clarity", score: 3, quotes: [{ id: "q5", text: "so the plan had three phases" }] },
    ]);
    expect(JSON.stringify(body)).not.toContain("SECRET-RATIONALE");
    expect(body.response_format.json_schema.schema.properties.strengths.items.properties.quote_ids.items.enum).toEqual([
      "q1",
      "q2",
      "q3",
      "q4",
      "q5",
    ]);
  });

  it("falls back to the deterministic summary when evaluation is off or nothing was scored", async () => {
    expect(await summarizeSession(answers, { config: null })).toEqual(deterministicSummary(answers));
    const unscored: SummaryAnswerInput[] = [
      {
        answer: 0,
        criteria: [{ criterion: "Teamwork", status: "insufficient_evidence", rationale: "x", reasked: false }],
      },
    ];
    expect(await summarizeSession(unscored, { config: testConfig(server.baseUrl) })).toMatchObject({
      source: "deterministic",
      strengths: [],
      concerns: [],
    });
    expect(server.requests).toHaveLength(0);
  });
});
