import { FLAT_RATIO, type Latency, type UploadReport } from "./index";

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MIB).toFixed(1);
const fromKiB = (kib: number) => (kib / 1024).toFixed(1);
const signed = (n: number) => `${n >= 0 ? "+" : ""}${n.toFixed(1)}`;
const times = (l: Latency) => `p50 ${l.p50Ms.toFixed(0)} ms   p99 ${l.p99Ms.toFixed(0)} ms`;

/** A block under the other tables: throughput and latency, then the server's memory against the bytes uploaded. */
export function printUpload(report: UploadReport): void {
  console.log(
    "\nupload: chunked recording upload (PUT .../chunks/{seq} one after another per uploader, then POST .../finalize)",
  );
  if (report.skipped) {
    console.log(`  SKIPPED: ${report.skipped}`);
    return;
  }
  const { server, chunk, finalize } = report;
  if (!server || !chunk || !finalize || report.bytes === undefined || report.wallS === undefined) return;
  console.log(`Database: ${report.database}`);
  const load = report.loadAverage;
  if (load)
    console.log(
      `Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end of this scenario`,
    );
  console.log(
    `Uploaders: ${report.uploaders}, each one answer of ${report.chunksPerAnswer} chunks x ${mib(report.chunkBytes!)} MiB`,
  );

  const rows: [string, string][] = [
    [
      "uploaded",
      `${mib(report.bytes)} MiB (${(report.bytes / 1e6).toFixed(1)} MB) in ${report.wallS.toFixed(1)} s = ${(report.bytes / MIB / report.wallS).toFixed(1)} MiB/s`,
    ],
    ["chunk PUT", `${times(chunk)}   (${chunk.count} chunks acknowledged)`],
    [
      "finalize",
      `${times(finalize)}   (${report.finalized} of ${report.uploaders} ready with the right SHA-256 and size)`,
    ],
    ["failures", `${report.non2xx} non-2xx, ${report.errors} errors`],
    [
      "server",
      `pid ${server.pid} (${server.name}), VmRSS sampled ${server.samples} times, every ~100 ms (largest gap ${server.maxGapMs.toFixed(0)} ms)`,
    ],
    [
      "server RSS",
      `baseline ${fromKiB(server.baselineKiB)} MiB, peak ${fromKiB(server.peakKiB)} MiB (sampled ${fromKiB(server.sampledPeakKiB)}, ` +
        `kernel high-water mark ${server.kernelPeakKiB === undefined ? "unavailable" : fromKiB(server.kernelPeakKiB)}), ` +
        `growth ${fromKiB(server.peakKiB - server.baselineKiB)} MiB` +
        (server.afterKiB === undefined ? "" : `; ${fromKiB(server.afterKiB)} MiB 1 s after the run`),
    ],
    [
      "RSS by half",
      `peak ${fromKiB(server.halvesKiB[0])} MiB in the first half of the run, ${fromKiB(server.halvesKiB[1])} MiB in the second ` +
        `(${signed((server.halvesKiB[1] - server.halvesKiB[0]) / 1024)} MiB)`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);

  if (report.growthRatio !== undefined && report.secondHalfSlope !== undefined) {
    const verdict = report.secondHalfSlope < FLAT_RATIO ? "flat" : "NOT flat";
    console.log(
      `\nRSS growth: ${(report.growthRatio * 100).toFixed(1)}% of the bytes uploaded overall; from the first half to the second it rose ` +
        `${(report.secondHalfSlope * 100).toFixed(1)}% of the second half's bytes: ${verdict} (flat means under ${FLAT_RATIO * 100}%: memory ` +
        "bounded by the requests in flight, not by the bytes)",
    );
  }
  console.log(
    "By half: memory that grows with the bytes keeps climbing into the second half; memory held per request in flight",
  );
  console.log(
    "levels off. The finalizes (each reads its chunks once to assemble, hash and measure them) all fall in the second half.",
  );
  console.log(
    "MiB/s covers the whole run, from the first chunk to the last finalize; latencies cover successful requests only.",
  );
}
