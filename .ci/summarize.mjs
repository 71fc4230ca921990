// Adds up the JSON reports of every vitest and Playwright run in CI and prints one plain closing line.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  let row;
  if (report.stats && "expected" in report.stats) {
    // Playwright
    row = { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
  } else {
    // vitest
    row = { passed: report.numPassedTests, failed: report.numFailedTests + (report.numFailedTestSuites ?? 0), skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
  }
  rows.push(`${file.replace(/\.json$/, "").padEnd(22)} ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped`);
  passed += row.passed;
  failed += row.failed;
  skipped += row.skipped;
}
console.log(rows.join("\n"));
if (rows.length < 4) {
  console.log(`expected 4 reports (vitest and playwright, embedded and real), found ${rows.length}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
