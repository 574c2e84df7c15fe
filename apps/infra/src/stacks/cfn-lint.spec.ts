import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { stageNames } from '../stages/stage-config';
import { cfnLintMetadataKey, cfnLintResourceSuppressions } from './cfn-lint-suppressions';
import { GitHubDeployAccessStack } from './github-deploy-access-stack';
import { synthesizeTemplate } from './synthesize-template';

type Template = { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
type Finding = { Filename: string; Level: string; Message: string; Rule: { Id: string } };

const workspaceRoot = resolve(__dirname, '../../../..');
const configFile = join(workspaceRoot, '.cfnlintrc.yaml');

const cfnLintVersion = (() => {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
})();
// The workflows install cfn-lint and set this, so there it can never be skipped.
const required = process.env['CFN_LINT_REQUIRED'] === 'true';

const templates: Record<string, Template> = {
  ...Object.fromEntries(
    stageNames.map((stage) => [stage, synthesizeTemplate({ stage }) as Template]),
  ),
  'deploy-access': (() => {
    const app = new App({ analyticsReporting: false });
    const stack = new GitHubDeployAccessStack(app, 'Access', {
      repository: 'octo-org/items-api-kit',
      environments: stageNames,
    });
    return app.synth().getStackArtifact(stack.artifactId).template as Template;
  })(),
};

/** cfn-lint's findings over the templates, with the repo's config, as cfn-lint reports them. */
function cfnLint(files: Record<string, unknown>): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
  try {
    const paths = Object.entries(files).map(([name, template]) => {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, JSON.stringify(template, null, 1));
      return path;
    });
    const run = spawnSync(
      'cfn-lint',
      ['--config-file', configFile, '--format', 'json', '--', ...paths],
      { cwd: workspaceRoot, encoding: 'utf8' },
    );
    // Exit 0: nothing found; 2, 4, 6, 8 and sums: errors, warnings, informational.
    if (run.error || run.stdout.trim() === '') {
      throw new Error(`cfn-lint did not run: ${run.error?.message ?? run.stderr}`);
    }
    return (JSON.parse(run.stdout) as Finding[]).map((f) => ({
      ...f,
      Filename: f.Filename.slice(dir.length + 1),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const describeWithCfnLint = cfnLintVersion || required ? describe : describe.skip;
if (!cfnLintVersion && !required) {
  console.warn(
    'cfn-lint is not installed (it is not on npm): its template checks are skipped. `pipx install cfn-lint` runs them; the workflows always do, with the version .github/actions/setup/action.yml pins',
  );
}

describeWithCfnLint(
  `cfn-lint (${cfnLintVersion ?? 'missing'}) on the synthesized templates`,
  () => {
    it('is installed where the workflow requires it', () => {
      expect(cfnLintVersion).toMatch(/^cfn-lint \d+\.\d+/);
    });

    it('reports no error and no warning on either stage or the deploy-access stack', () => {
      // A control beside them: a dashboard with Tags, which cfn-lint's schema refuses (E3002), so a
      // linter that reports nothing at all cannot pass this.
      const control = {
        Resources: {
          Dashboard: {
            Type: 'AWS::CloudWatch::Dashboard',
            Properties: { DashboardBody: '{"widgets":[]}', Tags: [{ Key: 'stage', Value: 'dev' }] },
          },
        },
      };
      const findings = cfnLint({ ...templates, control });
      expect(findings.filter((f) => f.Filename !== 'control.json')).toEqual([]);
      expect(findings.map((f) => `${f.Filename} ${f.Rule.Id}`)).toEqual(['control.json E3002']);
    });
  },
);

describe('cfn-lint rules switched off', () => {
  const config = parse(readFileSync(configFile, 'utf8')) as { ignore_checks?: string[] };
  const suppressedIn = (template: Template) =>
    Object.values(template.Resources).flatMap((resource) => {
      const metadata = resource.Metadata?.[cfnLintMetadataKey] as
        { config?: { ignore_checks?: string[] } } | undefined;
      return metadata?.config?.ignore_checks ?? [];
    });

  it('are none for whole templates', () => {
    expect(config.ignore_checks ?? []).toEqual([]);
  });

  it('per resource, are the listed ones, each with its reason in code and in .cfnlintrc.yaml', () => {
    const used = [...new Set(Object.values(templates).flatMap(suppressedIn))].sort();
    expect(used).toEqual(Object.keys(cfnLintResourceSuppressions).sort());
    const configText = readFileSync(configFile, 'utf8');
    for (const id of used) {
      expect(configText).toMatch(new RegExp(`^#\\s+${id} \\(.+\\): .+`, 'm'));
    }
  });

  it('W3005 only on Lambda functions', () => {
    const types = Object.values(templates).flatMap((template) =>
      Object.values(template.Resources)
        .filter((resource) => JSON.stringify(resource.Metadata ?? {}).includes('W3005'))
        .map((resource) => resource.Type),
    );
    expect(new Set(types)).toEqual(new Set(['AWS::Lambda::Function']));
  });
});
