// Adds up the JSON reports of every vitest and Playwright run in CI, prints one line per run, then every failure with
// the start of its error and where it was raised (so the tail of the CI log says what failed, not only that something
// did), and one plain closing line.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const ERROR_LINES = 8;
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
const failures = [];

const plain = (text) => String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "");
const head = (text) =>
  plain(text)
    .split("\n")
    .filter((line) => line.trim())
    .slice(0, ERROR_LINES)
    .map((line) => `      ${line}`)
    .join("\n");

/** Playwright: suites nest; a spec's tests carry results, the last of which decides (retries are off in CI). */
function playwrightFailures(run, suites, parents = []) {
  for (const suite of suites ?? []) {
    const titles = suite.title && !suite.title.endsWith(".ts") ? [...parents, suite.title] : parents;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const last = test.results?.at(-1);
        if (test.status !== "unexpected" || !last) continue;
        const where = last.error?.location
          ? `${last.error.location.file.replace(`${process.cwd()}/`, "")}:${last.error.location.line}`
          : spec.file;
        failures.push(
          `  ${run} › ${[...titles, spec.title].join(" › ")}\n    at ${where} (${Math.round(last.duration / 1000)} s)\n${head(last.error?.message)}`,
        );
      }
    }
    playwrightFailures(run, suite.suites, titles);
  }
}

for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const run = file.replace(/\.json$/, "");
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  let row;
  if (report.stats && "expected" in report.stats) {
    row = {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
      skipped: report.stats.skipped,
    };
    playwrightFailures(run, report.suites);
    for (const error of report.errors ?? []) failures.push(`  ${run} › (outside any test)\n${head(error.message)}`);
  } else {
    // vitest's numFailedTestSuites counts every describe block above a failed test too; a file counts as a failure of
    // its own only when it failed without a failed test (it did not load, a hook threw).
    const brokenFiles = (report.testResults ?? []).filter(
      (suite) => suite.status === "failed" && !(suite.assertionResults ?? []).some((t) => t.status === "failed"),
    ).length;
    row = {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenFiles,
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    };
    for (const suite of report.testResults ?? []) {
      const name = path.relative(process.cwd(), suite.name);
      const tests = (suite.assertionResults ?? []).filter((t) => t.status === "failed");
      for (const t of tests)
        failures.push(`  ${run} › ${name} › ${t.fullName}\n${head(t.failureMessages?.join("\n"))}`);
      if (suite.status === "failed" && tests.length === 0)
        failures.push(`  ${run} › ${name} (the file failed)\n${head(suite.message)}`);
    }
  }
  rows.push(`${run.padEnd(22)} ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped`);
  passed += row.passed;
  failed += row.failed;
  skipped += row.skipped;
}
if (failures.length > 0) console.log(`Failures:\n${failures.join("\n")}\n`);
console.log(rows.join("\n"));
if (rows.length < 4) {
  console.log(`expected 4 reports (vitest and playwright, embedded and real), found ${rows.length}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
