import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Linters nobody here wrote, run offline over the committed document exactly as a consumer would.
const root = join(__dirname, '..', '..', '..', '..');
const contract = join(root, 'libs', 'contract');
const document = join(contract, 'openapi.json');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function run(command: string, args: string[]): string {
  const result = spawnSync(bin(command), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  if (result.error) throw result.error;
  return result.stdout;
}

type SpectralResult = { code: string; severity: number; path: string[]; message: string };

const spectral = (ruleset: string): SpectralResult[] =>
  JSON.parse(
    run('spectral', ['lint', '-r', join(contract, ruleset), '-f', 'json', '--quiet', document]) ||
      '[]',
  );

const describeResults = (results: SpectralResult[]) =>
  results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);

describe('openapi.json under third-party linters', () => {
  it('has no Spectral spectral:oas errors, warnings, infos or hints', () => {
    expect(describeResults(spectral('.spectral.yaml'))).toEqual([]);
  });

  it('has no Redocly `recommended` errors or warnings', () => {
    const output = run('redocly', [
      'lint',
      '--config',
      join(contract, 'redocly.yaml'),
      '--format',
      'json',
      document,
    ]);
    const report = JSON.parse(output) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('lists every OWASP API ruleset finding it does not fix in the contract README, with a reason', () => {
    const readme = readFileSync(join(contract, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\|\s*`(owasp:[\w:-]+)`\s*\|\s*(\d+)\s*\|(.*)\|$/gm)];
    expect(rows.filter((row) => (row[3] ?? '').trim() === '').map((row) => row[1])).toEqual([]);
    const listed = new Set(rows.map((row) => row[1]));
    const findings = spectral('.spectral-owasp.yaml');
    const fired = new Set(findings.map((finding) => finding.code));
    expect([...fired].filter((code) => !listed.has(code))).toEqual([]);
    // A listed rule that no longer fires is a stale reason: drop it from the README.
    expect([...listed].filter((code) => !fired.has(code))).toEqual([]);
    const counts = rows.map(([, code, count]) => [code, Number(count)]);
    const actual = [...fired].map((code) => [code, findings.filter((f) => f.code === code).length]);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(actual));
  });
});
