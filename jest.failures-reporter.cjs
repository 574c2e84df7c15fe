// A Jest reporter that keeps what failed: each failing test's name and message, written to
// test-output/failures/<project>.txt. Parallel Nx runs interleave many projects' output; CI
// prints these files at the end, where a failure is read first.
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const outputDir = path.join(__dirname, 'test-output', 'failures');
const plain = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
// The message and the test's own frames; Jest's and Node's frames below them say nothing new.
const brief = (text) =>
  plain(text)
    .split('\n')
    .filter((line) => !/^\s+at .*(node_modules|node:internal|<anonymous>)/.test(line))
    .join('\n');

class FailuresReporter {
  constructor(globalConfig) {
    // Each project's jest config sets `rootDir` to the project's folder, named as the project.
    this.project = path.basename(globalConfig.rootDir);
    this.file = path.join(outputDir, `${this.project.replace(/[^\w.-]/g, '_')}.txt`);
  }

  onRunStart() {
    rmSync(this.file, { force: true });
  }

  onRunComplete(_contexts, results) {
    const failures = [];
    for (const suite of results.testResults) {
      const file = path.relative(__dirname, suite.testFilePath);
      if (suite.testExecError) {
        failures.push(`${file}: the suite did not run\n${brief(suite.testExecError.message)}`);
      }
      for (const test of suite.testResults) {
        if (test.status !== 'failed') continue;
        failures.push(`${file} › ${test.fullName}\n${test.failureMessages.map(brief).join('\n')}`);
      }
    }
    if (failures.length === 0) return;
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(this.file, `${failures.join('\n\n')}\n`);
  }
}

module.exports = FailuresReporter;
