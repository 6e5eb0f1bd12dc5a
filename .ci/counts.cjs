// Prints .ci/run's one line, "N passed, N failed", from the JSON report vitest writes
// (.vitest-results.json in the current folder; vitest.config.ts). Argument: npm test's exit status.
// A run did not pass when the report is missing or unreadable (the build failed, vitest died before
// writing it) or when the status is not 0 although no test failed (an unhandled error): such a run
// counts at least one failure, never "0 failed".
const fs = require('fs');
const status = Number(process.argv[2] ?? 1);
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(fs.readFileSync('.vitest-results.json', 'utf8'));
  if (!Number.isInteger(r.numPassedTests) || !Number.isInteger(r.numFailedTests)) throw new Error('the report has no test counts');
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
} catch (e) {
  console.error(`.ci/run: no usable test report (${e.message.split('\n')[0]})`);
  passed = 0;
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
