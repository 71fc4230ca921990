import "server-only";
import OpenAI from "openai";
import { env, type Env } from "@/lib/env";

// Where AI evaluation is sent. Unset EVAL_BASE_URL means evaluation is off: reviews work without it.

export interface EvaluationConfig {
  /** OpenAI-compatible API root, e.g. https://api.openai.com/v1 or a self-hosted server's /v1. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Per HTTP attempt, in milliseconds. */
  timeoutMs: number;
  /** Retries of one call on 408/429/5xx, timeouts and connection errors (the SDK's backoff, Retry-After honoured). */
  maxRetries: number;
  /** Prices per 1,000 tokens (USD); 0 means unknown. */
  priceInputPer1k: number;
  priceOutputPer1k: number;
}

export interface EvaluationOff {
  engine: "none";
  status: "off";
  detail: string;
}

export const EVALUATION_OFF: EvaluationOff = Object.freeze({
  engine: "none",
  status: "off",
  detail:
    "AI evaluation is off. Set EVAL_BASE_URL (and EVAL_API_KEY, EVAL_MODEL) to an OpenAI-compatible API to turn it on.",
});

export function evaluationConfig(e: Env = env()): EvaluationConfig | null {
  if (!e.EVAL_BASE_URL) return null;
  return {
    baseUrl: e.EVAL_BASE_URL,
    apiKey: e.EVAL_API_KEY,
    model: e.EVAL_MODEL,
    timeoutMs: e.EVAL_TIMEOUT_MS,
    maxRetries: e.EVAL_MAX_RETRIES,
    priceInputPer1k: e.EVAL_PRICE_INPUT_PER_1K,
    priceOutputPer1k: e.EVAL_PRICE_OUTPUT_PER_1K,
  };
}

export function createEvaluationClient(config: EvaluationConfig): OpenAI {
  // Every option the SDK would otherwise read from OPENAI_* variables is given explicitly: configuration comes from
  // lib/env only. Self-hosted servers often need no key; the SDK insists on one, so a placeholder is sent.
  return new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey ?? "not-needed",
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    logLevel: "off",
  });
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export const NO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

export const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  totalTokens: a.totalTokens + b.totalTokens,
});

/** Estimated cost in USD from the configured prices; "unknown" while no price is configured. */
export function estimateCostUsd(
  usage: TokenUsage,
  config: Pick<EvaluationConfig, "priceInputPer1k" | "priceOutputPer1k">,
): number | "unknown" {
  if (config.priceInputPer1k === 0 && config.priceOutputPer1k === 0) return "unknown";
  const cost =
    (usage.inputTokens / 1000) * config.priceInputPer1k + (usage.outputTokens / 1000) * config.priceOutputPer1k;
  return Math.round(cost * 1e6) / 1e6; // micro-dollars: enough for per-answer costs, no float noise
}
