import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

export const workspaceRoot = resolve(__dirname, '../../..');

export type Step = {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly 'continue-on-error'?: unknown;
};

export type Job = {
  readonly name?: string;
  readonly if?: string;
  readonly 'runs-on'?: string;
  readonly 'timeout-minutes'?: unknown;
  readonly permissions?: unknown;
  readonly environment?: string | { readonly name: string };
  readonly needs?: string | readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly steps?: readonly Step[];
  /** A reusable workflow this job calls. */
  readonly uses?: string;
  readonly with?: Readonly<Record<string, unknown>>;
};

export type Workflow = {
  readonly on: Record<string, unknown>;
  readonly permissions?: unknown;
  readonly jobs: Readonly<Record<string, Job>>;
};

export type CompositeAction = { readonly runs: { readonly steps: readonly Step[] } };

export type GitHubFile<T> = {
  /** Relative to the workspace root, e.g. `.github/workflows/ci.yml`. */
  readonly path: string;
  readonly text: string;
  readonly yaml: T;
};

const read = <T>(path: string): GitHubFile<T> => {
  const text = readFileSync(path, 'utf8');
  return { path: relative(workspaceRoot, path), text, yaml: parse(text) as T };
};

const githubDir = join(workspaceRoot, '.github');

/** Every workflow under `.github/workflows`. */
export const workflows: readonly GitHubFile<Workflow>[] = readdirSync(join(githubDir, 'workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => read<Workflow>(join(githubDir, 'workflows', name)));

/** Every local composite action, `.github/actions/<name>/action.yml`. */
export const actions: readonly GitHubFile<CompositeAction>[] = readdirSync(
  join(githubDir, 'actions'),
).map((name) => read<CompositeAction>(join(githubDir, 'actions', name, 'action.yml')));

export const workflowNamed = (name: string): GitHubFile<Workflow> => {
  const found = workflows.find((w) => w.path === `.github/workflows/${name}`);
  if (!found) throw new Error(`no workflow ${name}`);
  return found;
};

/** Every step of every job and composite action, with where it is. */
export const allSteps = (): { where: string; job?: Job; step: Step }[] => [
  ...workflows.flatMap((file) =>
    Object.entries(file.yaml.jobs).flatMap(([id, job]) =>
      (job.steps ?? []).map((step) => ({ where: `${file.path} ${id}`, job, step })),
    ),
  ),
  ...actions.flatMap((file) => file.yaml.runs.steps.map((step) => ({ where: file.path, step }))),
];
