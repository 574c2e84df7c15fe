import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

export type LintMessage = { ruleId: string | null; message: string };
export type LintInput = { path: string; text: string };

/** Nx's lint rules read the cached project graph, and skip without one: compute it. */
export function computeProjectGraph() {
  const graph = spawnSync(join(workspaceRoot, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  if (graph.status !== 0) throw new Error(`nx show projects failed: ${graph.stderr}`);
}

// One ESLint (the workspace's config) in a process of its own, for every input: its type-aware
// parser loads each project once. Jest's module system cannot load the ESM config itself.
const lintScript = `
const { ESLint } = require('eslint');
const inputs = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const results = [];
  for (const { path, text } of inputs) {
    const [result] = await eslint.lintText(text, { filePath: path });
    results.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
  }
  process.stdout.write(JSON.stringify(results));
})();
`;

/** Lints each text as if it were the file at its path (relative to the workspace root). */
export function lintAs(...inputs: LintInput[]): LintMessage[][] {
  const lint = spawnSync(process.execPath, ['-e', lintScript], {
    cwd: workspaceRoot,
    input: JSON.stringify(inputs),
    encoding: 'utf8',
  });
  if (lint.status !== 0) throw new Error(`eslint failed: ${lint.stderr}`);
  return JSON.parse(lint.stdout) as LintMessage[][];
}

export const readWorkspaceFile = (path: string) => readFileSync(join(workspaceRoot, path), 'utf8');
