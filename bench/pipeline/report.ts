import type { PipelineReport } from "./index";

const times = (x: number | undefined) => (x === undefined ? "-" : `${x.toFixed(2)}x`);
const share = (x: number | undefined) => (x === undefined ? "not measured" : `${(x * 100).toFixed(0)}%`);

/** A block under the other tables: ratios between the runs first (they travel between machines), then the figures. */
export function printPipeline(report: PipelineReport): void {
  console.log(
    "\npipeline: transcribe + evaluate of completed sessions through pg-boss and scripts/worker.ts, against the demo provider",
  );
  if (report.skipped) {
    console.log(`  SKIPPED: ${report.skipped}`);
    return;
  }
  const { runs, ratios = {} } = report;
  if (runs.length === 0) return;
  const m = report.machine;
  if (m) console.log(`Machine: ${m.cpus} CPUs (${m.cpuModel}), node ${m.node}   Database: ${report.database}`);
  const load = report.loadAverage;
  if (load)
    console.log(
      `Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end of this scenario`,
    );
  console.log(
    `${report.sessions} sessions per run, 2 answers each (a 3 s WebM, 3 criteria): 2 transcribe + 1 evaluate jobs per session; ` +
      `WORKER_CONCURRENCY=${report.concurrency} fetch loops per queue per process`,
  );

  const L = report.latencyMs;
  const poll = ((report.pollingIntervalMs ?? 0) / 1000).toFixed(1);
  console.log("\nRatios (this run):");
  console.log(
    `  throughput, 2 worker processes / 1:              ${times(ratios.twoOverOneProcess)}   (2.00x is linear)`,
  );
  console.log(
    `  throughput, ${L} ms provider / 0 ms provider:     ${times(ratios.latencyOverZero)}   (1.00x: the provider's latency costs nothing)`,
  );
  console.log(
    `  run time not spent waiting on the provider:      ${share(ratios.overheadShare)}   (1 process, ${L} ms; both queues)`,
  );
  console.log(`  ffmpeg's share of a transcribe job's run time:   ${share(ratios.ffmpegShare)}   (1 process, ${L} ms)`);
  console.log(
    `  a transcribe fetch loop's time between jobs:     ${share(ratios.pauseShare)}   (1 process, ${L} ms; pg-boss polling)`,
  );
  console.log(
    `  transcribe rate / polling ceiling:               ${share(ratios.pollingCeilingShare)}   (ceiling: ${report.concurrency} loops per process / ${poll} s polling interval)`,
  );

  const rows = [
    [
      "run",
      "wall s",
      "jobs",
      "jobs/s",
      "sess/s",
      "T run ms",
      "E run ms",
      "provider ms/job",
      "overhead ms/job",
      "T loop ms/job",
      "T pause ms/job",
      "ffmpeg ms/T",
      "T wait ms",
      "E wait ms",
    ],
    ...runs.map((r) => [
      r.label,
      r.wallS.toFixed(1),
      String(r.transcribe.jobs + r.evaluate.jobs),
      r.jobsPerS.toFixed(2),
      r.sessionsPerS.toFixed(2),
      r.transcribe.meanRunMs.toFixed(0),
      r.evaluate.meanRunMs.toFixed(0),
      (
        (r.transcribe.providerMsPerJob * r.transcribe.jobs + r.evaluate.providerMsPerJob * r.evaluate.jobs) /
        (r.transcribe.jobs + r.evaluate.jobs)
      ).toFixed(0),
      r.overheadMsPerJob.toFixed(0),
      r.transcribeLoopMsPerJob.toFixed(0),
      r.transcribePauseMsPerJob.toFixed(0),
      r.ffmpeg ? r.ffmpeg.msPerJob.toFixed(0) : "-",
      r.transcribe.meanWaitMs.toFixed(0),
      r.evaluate.meanWaitMs.toFixed(0),
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  console.log();
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));

  const one = runs[0]!;
  console.log(
    `\nT = transcribe-recording, E = evaluate-session (per job: ${(one.transcribe.providerCalls / one.transcribe.jobs).toFixed(1)} and ` +
      `${(one.evaluate.providerCalls / one.evaluate.jobs).toFixed(1)} provider calls). wall: first transcription enqueued to last evaluation ` +
      "completed (pg-boss's job rows). run: started_on to completed_on; provider: calls x the fixed latency; overhead: run - provider " +
      "(database, ffmpeg, HTTP, JSON, pg-boss fetch and complete). loop: the transcribe phase's wall x fetch loops / jobs, pause: loop - run " +
      `(a pg-boss fetch loop waits out its polling interval, ${poll} s in scripts/worker.ts, after every job shorter than that). wait: created_on to ` +
      "started_on. ffmpeg: timed by a bash wrapper around it (the wrapper's own start counts as overhead, not ffmpeg).",
  );
}
