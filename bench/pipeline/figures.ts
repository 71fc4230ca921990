import type { JobTimes } from "./measure";

// Turns one run's job times into figures. A job's run time (started_on to completed_on) splits into the provider's
// fixed latency (its calls × the latency the demo provider adds) and everything else: the handler's own work
// (database, ffmpeg, HTTP, JSON) and pg-boss fetching and completing it. A fetch loop's time per job adds the pause
// between jobs (pg-boss polls an empty-looking queue again only after its polling interval).

export interface RunConfig {
  label: string;
  /** Worker processes (scripts/worker.ts). */
  processes: number;
  /** WORKER_CONCURRENCY: fetch loops per queue per process. */
  concurrency: number;
  /** The demo provider's fixed latency per call. */
  latencyMs: number;
}

export interface QueueFigures {
  jobs: number;
  /** started_on to completed_on. */
  meanRunMs: number;
  p50RunMs: number;
  maxRunMs: number;
  /** created_on to started_on: waiting for a free fetch loop and for its next poll. */
  meanWaitMs: number;
  providerCalls: number;
  /** The provider's fixed latency per job: calls × latency / jobs. */
  providerMsPerJob: number;
  /** Run time not spent waiting on the provider. */
  ownMsPerJob: number;
}

export interface RunFigures extends RunConfig {
  sessions: number;
  /** First transcription enqueued to last evaluation completed. */
  wallS: number;
  /** Transcribe plus evaluate jobs per second of wall time. */
  jobsPerS: number;
  sessionsPerS: number;
  transcribe: QueueFigures;
  evaluate: QueueFigures;
  /** Both queues: run time not spent waiting on the provider, per job. */
  overheadMsPerJob: number;
  /**
   * The transcribe queue has a backlog from the start, so its fetch loops are busy throughout its phase: the phase's
   * wall time × loops / jobs is what one job costs a loop, and that minus the mean run time is the loop's pause.
   */
  transcribeLoopMsPerJob: number;
  transcribePauseMsPerJob: number;
  /** ffmpeg time per transcribe job, measured by the timing wrapper; null when it logged nothing. */
  ffmpeg: { calls: number; msPerJob: number } | null;
  written: { transcripts: number; evaluations: number; answerEvaluations: number };
}

export interface PipelineRatios {
  /** jobs/s with two worker processes over one, at the provider latency. */
  twoOverOneProcess?: number;
  /** jobs/s at the provider latency over jobs/s with none (one process). */
  latencyOverZero?: number;
  /** One process at the provider latency: the share of a job's run time not spent waiting on the provider. */
  overheadShare?: number;
  /** One process at the provider latency: ffmpeg's share of a transcribe job's run time. */
  ffmpegShare?: number;
  /** One process at the provider latency: the share of a transcribe fetch loop's time spent between jobs. */
  pauseShare?: number;
  /**
   * One process at the provider latency: the transcribe rate over what polling allows when every job is shorter than
   * the polling interval (pg-boss then waits out the interval after each job): loops / interval.
   */
  pollingCeilingShare?: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
};

function queueFigures(jobs: JobTimes[], providerCalls: number, latencyMs: number): QueueFigures {
  const runs = jobs.map((j) => j.completedMs - j.startedMs);
  const providerMsPerJob = jobs.length ? (providerCalls * latencyMs) / jobs.length : 0;
  return {
    jobs: jobs.length,
    meanRunMs: mean(runs),
    p50RunMs: percentile(runs, 50),
    maxRunMs: Math.max(0, ...runs),
    meanWaitMs: mean(jobs.map((j) => j.startedMs - j.createdMs)),
    providerCalls,
    providerMsPerJob,
    ownMsPerJob: mean(runs) - providerMsPerJob,
  };
}

export function runFigures(input: {
  config: RunConfig;
  sessions: number;
  times: JobTimes[];
  transcribeQueue: string;
  calls: { transcriptions: number; chat: number };
  ffmpeg: { calls: number; totalMs: number };
  written: RunFigures["written"];
}): RunFigures {
  const { config, times } = input;
  const transcribeJobs = times.filter((t) => t.queue === input.transcribeQueue);
  const evaluateJobs = times.filter((t) => t.queue !== input.transcribeQueue);
  const start = Math.min(...times.map((t) => t.createdMs));
  const wallMs = Math.max(...times.map((t) => t.completedMs)) - start;
  const transcribe = queueFigures(transcribeJobs, input.calls.transcriptions, config.latencyMs);
  const evaluate = queueFigures(evaluateJobs, input.calls.chat, config.latencyMs);
  const providerMs = (input.calls.transcriptions + input.calls.chat) * config.latencyMs;
  const runMs = times.reduce((sum, t) => sum + t.completedMs - t.startedMs, 0);
  const transcribePhaseMs = Math.max(...transcribeJobs.map((t) => t.completedMs)) - start;
  const loopMsPerJob = (transcribePhaseMs * config.processes * config.concurrency) / transcribeJobs.length;
  return {
    ...config,
    sessions: input.sessions,
    wallS: wallMs / 1000,
    jobsPerS: times.length / (wallMs / 1000),
    sessionsPerS: input.sessions / (wallMs / 1000),
    transcribe,
    evaluate,
    overheadMsPerJob: (runMs - providerMs) / times.length,
    transcribeLoopMsPerJob: loopMsPerJob,
    transcribePauseMsPerJob: loopMsPerJob - transcribe.meanRunMs,
    ffmpeg: input.ffmpeg.calls
      ? { calls: input.ffmpeg.calls, msPerJob: input.ffmpeg.totalMs / transcribeJobs.length }
      : null,
    written: input.written,
  };
}

/** Ratios between the runs: one process at the latency is the reference. */
export function pipelineRatios(runs: RunFigures[], latencyMs: number, pollingIntervalMs: number): PipelineRatios {
  const one = runs.find((r) => r.processes === 1 && r.latencyMs === latencyMs);
  const two = runs.find((r) => r.processes === 2 && r.latencyMs === latencyMs);
  const zero = runs.find((r) => r.processes === 1 && r.latencyMs === 0);
  if (!one) return {};
  const allRunMs = (r: RunFigures) =>
    (r.transcribe.meanRunMs * r.transcribe.jobs + r.evaluate.meanRunMs * r.evaluate.jobs) /
    (r.transcribe.jobs + r.evaluate.jobs);
  return {
    twoOverOneProcess: two && two.jobsPerS / one.jobsPerS,
    latencyOverZero: zero && latencyMs > 0 ? one.jobsPerS / zero.jobsPerS : undefined,
    overheadShare: one.overheadMsPerJob / allRunMs(one),
    ffmpegShare: one.ffmpeg ? one.ffmpeg.msPerJob / one.transcribe.meanRunMs : undefined,
    pauseShare: one.transcribePauseMsPerJob / one.transcribeLoopMsPerJob,
    pollingCeilingShare: pollingIntervalMs / one.transcribeLoopMsPerJob,
  };
}
