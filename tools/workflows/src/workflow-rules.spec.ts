import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackNameFor, stageNames } from '@items-api/infra';
import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import {
  actions,
  allSteps,
  workflowNamed,
  workflows,
  workspaceRoot,
  type Job,
  type Step,
} from './github-files';

const jobsOf = () =>
  workflows.flatMap((file) =>
    Object.entries(file.yaml.jobs).map(([id, job]) => ({ where: `${file.path} ${id}`, job })),
  );
const configureAws = 'aws-actions/configure-aws-credentials';
const isConfigureAws = (step: Step) => step.uses?.startsWith(`${configureAws}@`) ?? false;
/** The cfn-lint command line for the template `infra:synth` writes for a stage (a shell variable). */
const cfnLintOf = (stageVariable: string) =>
  `cfn-lint -- "dist/apps/infra/cdk.out/${stackNameFor(stageVariable)}.template.json"`;
const runs = (job: Job) => (job.steps ?? []).map((step) => step.run ?? '').join('\n');

/** The tags `nx release` makes (`releaseTag.pattern` in nx.json), as a workflow filter. */
const releaseTagFilter = (() => {
  const nx = JSON.parse(readFileSync(join(workspaceRoot, 'nx.json'), 'utf8')) as {
    release: { releaseTag: { pattern: string } };
  };
  return nx.release.releaseTag.pattern.replace('{version}', '*');
})();

describe('every action is pinned', () => {
  const files = [...workflows, ...actions];

  it('by a full 40-hex commit SHA, its version in a comment beside it', () => {
    const lines = files.flatMap((file) =>
      file.text
        .split('\n')
        .filter((line) => /^\s*(- )?uses:/.test(line))
        .map((line) => ({ where: file.path, line: line.trim().replace(/^- /, '') })),
    );
    // The line scan sees every `uses` the parsed files have (no flow-style one slips past it).
    const parsed = [
      ...allSteps().flatMap(({ step }) => (step.uses ? [step.uses] : [])),
      ...jobsOf().flatMap(({ job }) => (job.uses ? [job.uses] : [])),
    ];
    expect(lines.length).toBe(parsed.length);
    const remote = lines.filter(({ line }) => !/^uses: \.\//.test(line));
    expect(remote.length).toBeGreaterThan(0);
    for (const { where, line } of remote) {
      expect({ where, line }).toEqual({
        where,
        line: expect.stringMatching(/^uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/),
      });
    }
  });

  it('at one commit per action across all files', () => {
    const byAction = new Map<string, Set<string>>();
    for (const { step } of allSteps()) {
      const [action, ref] = (step.uses ?? '').split('@');
      if (!action || !ref || action.startsWith('./')) continue;
      byAction.set(action, (byAction.get(action) ?? new Set()).add(ref));
    }
    for (const [action, refs] of byAction)
      expect({ action, refs: refs.size }).toEqual({ action, refs: 1 });
  });

  it('checks out without leaving the token in the git config', () => {
    const checkouts = allSteps().filter(({ step }) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const { where, step } of checkouts) {
      expect({ where, persist: step.with?.['persist-credentials'] }).toEqual({
        where,
        persist: false,
      });
    }
  });
});

describe('no stored AWS keys', () => {
  it('no file reads a secret or names an access key', () => {
    for (const file of [...workflows, ...actions]) {
      expect({ file: file.path, secrets: /\bsecrets\./.test(file.text) }).toEqual({
        file: file.path,
        secrets: false,
      });
      expect(file.text).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|aws-session-token|AKIA[0-9A-Z]{16}/i,
      );
    }
  });

  it('AWS credentials only ever come from a role assumed through OIDC', () => {
    const steps = allSteps().filter(({ step }) => isConfigureAws(step));
    expect(steps.length).toBeGreaterThan(0);
    for (const { where, job, step } of steps) {
      expect({ where, role: typeof step.with?.['role-to-assume'] }).toEqual({
        where,
        role: 'string',
      });
      const chained = step.with?.['role-chaining'] === true;
      // The first one of a job federates with GitHub's token: the job must be allowed to ask for it.
      if (!chained)
        expect({ where, permissions: job?.permissions }).toMatchObject({
          where,
          permissions: { 'id-token': 'write' },
        });
    }
  });
});

describe('least permissions', () => {
  it('nothing by default in any workflow', () => {
    for (const file of workflows) {
      expect({ file: file.path, permissions: file.yaml.permissions }).toEqual({
        file: file.path,
        permissions: {},
      });
    }
  });

  it('each job says what it needs: contents read, and id-token only where it assumes a role', () => {
    for (const { where, job } of jobsOf()) {
      const assumes =
        (job.steps ?? []).some(isConfigureAws) ||
        (job.uses !== undefined && job.uses.endsWith('/deploy-stage.yml'));
      expect({ where, permissions: job.permissions }).toEqual({
        where,
        permissions: { contents: 'read', ...(assumes ? { 'id-token': 'write' } : {}) },
      });
    }
  });
});

describe('every job times out', () => {
  it('within an hour', () => {
    const running = jobsOf().filter(({ job }) => job['runs-on'] !== undefined);
    expect(running.length).toBeGreaterThan(0);
    for (const { where, job } of running) {
      const timeout = job['timeout-minutes'];
      expect({
        where,
        ok: Number.isInteger(timeout) && (timeout as number) > 0 && (timeout as number) <= 60,
      }).toEqual({ where, ok: true });
    }
    // A job that calls a reusable workflow has no runner of its own: the called jobs are above.
    for (const { job } of jobsOf().filter(({ job }) => job['runs-on'] === undefined)) {
      expect(job.uses).toMatch(/^\.\/\.github\/workflows\/[\w-]+\.yml$/);
    }
  });
});

describe('deploys', () => {
  const deploy = workflowNamed('deploy.yml').yaml;
  const stageJob = workflowNamed('deploy-stage.yml').yaml.jobs['deploy']!;
  const deployJobs = Object.entries(deploy.jobs).filter(([, job]) =>
    job.uses?.endsWith('/deploy-stage.yml'),
  );

  it(`run dev on every push to main and prod on a release tag (${releaseTagFilter})`, () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'], tags: [releaseTagFilter] } });
    const stageOf = (id: string) => deploy.jobs[id]?.with?.['stage'];
    expect(deployJobs.map(([id]) => stageOf(id)).sort()).toEqual([...stageNames].sort());
    const condition = (stage: string) => deployJobs.find(([id]) => stageOf(id) === stage)?.[1].if;
    expect(condition('dev')).toBe("github.ref == 'refs/heads/main'");
    expect(condition('prod')).toBe(
      `startsWith(github.ref, 'refs/tags/${releaseTagFilter.replace(/\*$/, '')}')`,
    );
  });

  it('only after the whole of npm test passed', () => {
    const tests = Object.entries(deploy.jobs).filter(([, job]) => /^npm test$/m.test(runs(job)));
    expect(tests.map(([id]) => id)).toEqual(['test']);
    for (const [, job] of deployJobs) expect(job.needs).toBe('test');
  });

  it('in the GitHub environment of the stage, the only jobs the deploy role trusts', () => {
    expect(stageJob.environment).toBe('${{ inputs.stage }}');
    const roles = allSteps().filter(({ step }) =>
      String(step.with?.['role-to-assume']).includes('AWS_DEPLOY_ROLE_ARN'),
    );
    expect(roles.map(({ where }) => where)).toEqual(['.github/workflows/deploy-stage.yml deploy']);
  });

  it('lint the template they deploy, then deploy it, then smoke-test the stage, which fails the job when it fails', () => {
    const steps = stageJob.steps ?? [];
    const index = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? ''));
    const lint = index(new RegExp(`^${cfnLintOf('$STAGE').replace(/[.$]/g, '\\$&')}$`, 'm'));
    const deployStep = index(
      /^npx nx deploy infra --configuration="\$STAGE" .*-- --require-approval never$/m,
    );
    const smoke = index(/^npm run smoke -- --stage "\$STAGE"$/);
    expect({ lint, deployStep, smoke }).toEqual({
      lint: expect.any(Number),
      deployStep: lint + 2, // the role is assumed between them
      smoke: steps.length - 1,
    });
    expect(lint).toBeGreaterThanOrEqual(0);
    const smokeStep = steps[smoke]!;
    expect(smokeStep.if).toBeUndefined();
    expect(smokeStep['continue-on-error']).toBeUndefined();
    expect(stageJob.env?.['STAGE']).toBe('${{ inputs.stage }}');
  });

  it('read the stage for the smoke test through the CDK lookup role of the bootstrap qualifier the stacks use', () => {
    const steps = stageJob.steps ?? [];
    const smokeRole = steps.filter(isConfigureAws).at(-1)?.with ?? {};
    expect(smokeRole['role-chaining']).toBe(true);
    expect(String(smokeRole['role-to-assume'])).toMatch(
      new RegExp(`:role/cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-lookup-role-\\$\\{\\{`),
    );
  });
});

describe('pull requests', () => {
  const ci = workflowNamed('ci.yml').yaml;
  const stagesLoop = `for stage in ${stageNames.join(' ')}; do`;

  it('get cdk diff of every stage in the job summary, through the read-only diff role', () => {
    expect(Object.keys(ci.on)).toEqual(['pull_request']);
    const diff = ci.jobs['diff']!;
    const role = (diff.steps ?? []).find(isConfigureAws)?.with?.['role-to-assume'];
    expect(role).toBe('${{ vars.AWS_DIFF_ROLE_ARN }}');
    expect(runs(diff)).toContain(stagesLoop);
    expect(runs(diff)).toMatch(
      /npx nx run infra:diff --configuration="\$stage" .*-- --no-change-set/,
    );
    expect(runs(diff)).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it('get cfn-lint on every stage, whatever the change touches', () => {
    const lint = ci.jobs['cfn-lint']!;
    expect(lint.if).toBeUndefined();
    expect(runs(lint)).toContain(stagesLoop);
    expect(runs(lint)).toContain(cfnLintOf('$stage'));
  });
});
