/**
 * Prints one closing line for all vitest runs of `npm run validate`, from their JSON reports:
 * "tests: N passed, N failed" (and skipped), so CI's summary counts every suite.
 */
import fs from "node:fs";

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const files = process.argv.slice(2).filter((f) => fs.existsSync(f));
if (files.length === 0) {
  console.error("No test reports found");
  process.exit(1);
}
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
