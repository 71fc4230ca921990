import {
  addUsage,
  createEvaluationClient,
  estimateCostUsd,
  EVALUATION_OFF,
  evaluationConfig,
  NO_USAGE,
  type EvaluationConfig,
  type EvaluationOff,
  type TokenUsage,
} from "./config";
import { EvaluationError } from "./errors";
import {
  answerEvaluationSchema,
  buildAnswerEvaluationMessages,
  INSUFFICIENT_EVIDENCE,
  PROMPT_VERSION,
  RESPONSE_FORMAT_NAME,
  RESPONSE_SCHEMA_VERSION,
  type AnswerEvaluationReply,
  type ReaskNote,
} from "./prompt";
import { questionCriteriaSchema, type Competency, type Criterion } from "./rubric";
import { structuredCall } from "./structured-call";
import {
  answerText,
  createQuoteVerifier,
  hasWords,
  quotedSpans,
  type AnswerTranscript,
  type QuoteVerifier,
  type VerifiedQuote,
} from "./verify-quotes";

// Scores one answer against its question's criteria. Every numeric score must cite the candidate's own words: quotes
// are verified against the transcript, criteria whose quotes fail are asked again once (with a note saying what was
// wrong), and what still fails is reported as unverifiable, never with the unverified quotes.

export interface AnswerEvaluationInput {
  question: string;
  criteria: readonly Criterion[];
  competencies?: readonly Competency[];
  /** The answer's transcript: its text and recognised words with time ranges. */
  transcript: AnswerTranscript;
}

export type Score = 1 | 2 | 3 | 4 | 5;

export type CriterionEvaluation =
  | {
      criterion: string;
      status: "scored";
      score: Score;
      evidence: VerifiedQuote[];
      rationale: string;
      reasked: boolean;
    }
  | { criterion: string; status: "insufficient_evidence"; rationale: string; reasked: boolean }
  | {
      criterion: string;
      status: "unverifiable";
      reason: ReaskNote["problem"] | "malformed_response" | "refusal";
      reasked: true;
    };

export interface AnswerEvaluation {
  engine: "openai-compatible";
  status: "evaluated";
  /** What the provider reported answering (the configured EVAL_MODEL when no call was needed). */
  model: string;
  promptVersion: string;
  responseSchemaVersion: string;
  /** One entry per criterion, in the rubric's order. */
  criteria: CriterionEvaluation[];
  /** Criteria asked a second time because their evidence did not verify. */
  reasked: string[];
  /** Replies received: 1 normally, more after a malformed reply or a re-ask; 0 for an empty transcript. */
  calls: number;
  usage: TokenUsage;
  latencyMs: number;
  costUsd: number | "unknown";
}

export interface EvaluateOptions {
  /** Defaults to the environment's (EVAL_*); null means off. */
  config?: EvaluationConfig | null;
  signal?: AbortSignal;
}

type Judged = { ok: true; result: CriterionEvaluation } | { ok: false; note: ReaskNote };
type ReplyEntry = AnswerEvaluationReply["criteria"][number];

/** Checks one criterion's entry. `rubricText` verifies words the rationale quotes from the question or rubric. */
function judge(
  entry: ReplyEntry | undefined,
  name: string,
  verifier: QuoteVerifier,
  rubricText: QuoteVerifier[],
  reasked: boolean,
): Judged {
  if (!entry) return { ok: false, note: { criterion: name, problem: "not_answered", rejectedQuotes: [] } };
  const rationale = entry.rationale.trim();
  // The rationale may quote the candidate or the rubric, but nothing else: a made-up quotation there is as bad as one
  // in the quotes.
  const rejectedQuotes = quotedSpans(rationale).filter(
    (span) => !verifier.verify(span).found && !rubricText.some((v) => v.verify(span).found),
  );
  // Quotes given with insufficient_evidence are not evidence for anything; they are dropped.
  const insufficient = entry.score === INSUFFICIENT_EVIDENCE;
  if (!insufficient && entry.quotes.length === 0 && rejectedQuotes.length === 0)
    return { ok: false, note: { criterion: name, problem: "missing_quotes", rejectedQuotes } };
  const evidence: VerifiedQuote[] = [];
  for (const quote of insufficient ? [] : entry.quotes) {
    const check = verifier.verify(quote);
    if (!check.found) rejectedQuotes.push(quote);
    else if (!evidence.some((e) => e.text === check.quote.text && e.start === check.quote.start))
      evidence.push(check.quote);
  }
  if (rejectedQuotes.length > 0)
    return { ok: false, note: { criterion: name, problem: "quotes_not_found", rejectedQuotes } };
  if (insufficient)
    return { ok: true, result: { criterion: name, status: "insufficient_evidence", rationale, reasked } };
  return {
    ok: true,
    result: { criterion: name, status: "scored", score: entry.score as Score, evidence, rationale, reasked },
  };
}

function judgeReply(
  reply: AnswerEvaluationReply,
  input: AnswerEvaluationInput,
  names: readonly string[],
  verifier: QuoteVerifier,
  reasked: boolean,
): Judged[] {
  const byName = new Map<string, ReplyEntry>();
  for (const entry of reply.criteria) if (!byName.has(entry.criterion)) byName.set(entry.criterion, entry);
  return names.map((name) => {
    const c = input.criteria.find((x) => x.name === name)!;
    const rubricText = [input.question, c.name, c.good, c.anchors["1"], c.anchors["3"], c.anchors["5"]].map((text) =>
      createQuoteVerifier({ text, words: [] }),
    );
    return judge(byName.get(name), name, verifier, rubricText, reasked);
  });
}

function checkInput(input: AnswerEvaluationInput): void {
  const criteria = questionCriteriaSchema.safeParse(input.criteria);
  if (!criteria.success)
    throw new EvaluationError(
      "invalid_input",
      `Invalid criteria: ${criteria.error.issues.map((i) => i.message).join("; ")}`,
    );
  if (!input.question.trim()) throw new EvaluationError("invalid_input", "The question text is empty");
}

export async function evaluateAnswer(
  input: AnswerEvaluationInput,
  options: EvaluateOptions = {},
): Promise<AnswerEvaluation | EvaluationOff> {
  const config = options.config === undefined ? evaluationConfig() : options.config;
  if (!config) return EVALUATION_OFF;
  checkInput(input);
  const names = input.criteria.map((c) => c.name);
  const base = {
    engine: "openai-compatible",
    status: "evaluated",
    promptVersion: PROMPT_VERSION,
    responseSchemaVersion: RESPONSE_SCHEMA_VERSION,
  } as const;

  // Silence or an empty recording: nothing can be quoted, so nothing can be scored. No call is made.
  if (!hasWords(input.transcript)) {
    const criteria = names.map((criterion): CriterionEvaluation => ({
      criterion,
      status: "insufficient_evidence",
      rationale: "The answer's transcript is empty.",
      reasked: false,
    }));
    return {
      ...base,
      model: config.model,
      criteria,
      reasked: [],
      calls: 0,
      usage: NO_USAGE,
      latencyMs: 0,
      costUsd: estimateCostUsd(NO_USAGE, config),
    };
  }

  const client = createEvaluationClient(config);
  const verifier = createQuoteVerifier(input.transcript);
  // Only these fields reach the model, named one by one: whatever else the caller's object holds stays here.
  const prompt = {
    question: input.question,
    criteria: input.criteria,
    competencies: input.competencies,
    transcript: answerText(input.transcript),
  };
  const ask = (criteria: readonly Criterion[], notes?: ReaskNote[]) =>
    structuredCall(client, config, {
      messages: buildAnswerEvaluationMessages({ ...prompt, criteria }, notes),
      schema: answerEvaluationSchema(criteria.map((c) => c.name)),
      name: RESPONSE_FORMAT_NAME,
      signal: options.signal,
    });

  const first = await ask(input.criteria);
  let { usage, latencyMs, model, replies: calls } = first;
  const results = new Map<string, CriterionEvaluation>();
  const notes: ReaskNote[] = [];
  const record = (judged: Judged[], failed: ReaskNote[]) => {
    for (const j of judged)
      if (j.ok) results.set(j.result.criterion, j.result);
      else failed.push(j.note);
  };
  record(judgeReply(first.data, input, names, verifier, false), notes);

  // Criteria whose evidence did not verify are asked once more, with a note saying what was wrong.
  const reasked = notes.map((n) => n.criterion);
  const unverifiable = (
    criterion: string,
    reason: Extract<CriterionEvaluation, { status: "unverifiable" }>["reason"],
  ) => results.set(criterion, { criterion, status: "unverifiable", reason, reasked: true });
  if (notes.length > 0) {
    try {
      const second = await ask(
        input.criteria.filter((c) => reasked.includes(c.name)),
        notes,
      );
      ({ model } = second);
      usage = addUsage(usage, second.usage);
      latencyMs += second.latencyMs;
      calls += second.replies;
      const stillFailing: ReaskNote[] = [];
      record(judgeReply(second.data, input, reasked, verifier, true), stillFailing);
      for (const note of stillFailing) unverifiable(note.criterion, note.problem);
    } catch (error) {
      // A garbled second reply leaves the first round's good scores standing; transient failures retry the job.
      if (!(error instanceof EvaluationError) || (error.kind !== "malformed_response" && error.kind !== "refusal"))
        throw error;
      usage = addUsage(usage, error.usage);
      latencyMs += error.extra.latencyMs ?? 0;
      calls += error.extra.replies ?? 0;
      for (const criterion of reasked) unverifiable(criterion, error.kind);
    }
  }

  return {
    ...base,
    model,
    criteria: names.map((name) => results.get(name)!),
    reasked,
    calls,
    usage,
    latencyMs,
    costUsd: estimateCostUsd(usage, config),
  };
}
