import type { StageOverrides } from '@items-api/infra';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from './items-bundles';
import type * as SynthesizeItemsStack from './synthesize-items-stack';

type SynthesizeModule = typeof SynthesizeItemsStack;

export type ItemsStack = { template: Record<string, unknown>; stackName: string };

/** The sources a synthesis of the items stack reads: the CDK app, what it imports, the lockfile. */
const STACK_SOURCES = ['apps/infra/src', 'apps/api/src', 'libs/contract/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function stackKey(options: { stage: string; overrides?: StageOverrides }): string {
  const hash = createHash('sha256').update(
    JSON.stringify([options.stage, options.overrides ?? {}]),
  );
  const files = [
    join(workspaceRoot, 'package-lock.json'),
    ...STACK_SOURCES.flatMap((dir) => sourceFiles(join(workspaceRoot, dir))).sort(),
  ];
  for (const file of files) hash.update(relative(workspaceRoot, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

/**
 * `synthesizeItemsStack`, kept under `cacheDir` by a hash of every source the synthesis reads
 * (the infra app, the api and contract sources it imports, the lockfile for the CDK's version):
 * the template changes only when one of them does, and synthesizing is the slowest step of a start.
 */
export function cachedItemsStack(
  options: { stage: string; overrides?: StageOverrides },
  cacheDir = join(workspaceRoot, 'node_modules/.cache/items-api-local'),
): ItemsStack {
  const file = join(cacheDir, `stack-${stackKey(options)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ItemsStack;
  // Loaded here, not at the top: a start that finds its template cached never loads the CDK.
  const { synthesizeItemsStack } = require('./synthesize-items-stack') as SynthesizeModule;
  const stack = synthesizeItemsStack(options);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(stack));
  renameSync(`${file}.${process.pid}`, file);
  return stack;
}

type Resource = {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties?: Record<string, unknown>;
};

const inlineCode = (resource: Resource) =>
  resource.Type === 'AWS::Lambda::Function' &&
  Boolean((resource.Properties?.['Code'] as Record<string, unknown> | undefined)?.['ZipFile']);

/** Whether a template has functions with inline code (placeholders, for a synthesized test stack). */
export const hasInlineFunctions = (template: Record<string, unknown>) =>
  Object.values((template as { Resources?: Record<string, Resource> }).Resources ?? {}).some(
    inlineCode,
  );

/**
 * A variant of the stack's template (another throttle, extra variables — tests of CDK settings)
 * synthesized with placeholder code: each of its inline-code functions takes the code of the
 * function with the same logical id in the stack synthesized from its bundles.
 */
export function withStackCode(
  template: Record<string, unknown>,
  stackTemplate: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(template) as { Resources?: Record<string, Resource> };
  const real = (stackTemplate as { Resources?: Record<string, Resource> }).Resources ?? {};
  for (const [id, resource] of Object.entries(copy.Resources ?? {})) {
    const source = real[id];
    if (!inlineCode(resource) || !source) continue;
    resource.Properties = { ...resource.Properties, Code: source.Properties?.['Code'] };
    resource.Metadata = { ...resource.Metadata, ...source.Metadata };
  }
  return copy as Record<string, unknown>;
}
