import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resourcesOfType, TemplateReadError, type CfnTemplate } from './cfn-template';

/** One CloudFormation stack of a cloud assembly (`cdk synth`'s output directory). */
export type AssemblyStack = {
  /** The artifact id (`ItemsApi-dev`, or `Stage/Stack` inside a stage's nested assembly). */
  readonly id: string;
  readonly stackName: string;
  /** The directory its template and assets are relative to. */
  readonly assemblyDir: string;
  /** From the artifact's `aws://account/region` environment, when it names a concrete region. */
  readonly region?: string;
  readonly template: Record<string, unknown>;
};

type Artifact = {
  type?: string;
  environment?: string;
  displayName?: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string };
};

function stacksOf(assemblyDir: string): AssemblyStack[] {
  const manifestFile = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new TemplateReadError(
      `${assemblyDir} is not a cloud assembly (no manifest.json): point --assembly at the directory "cdk synth" writes (cdk.out)`,
    );
  }
  const { artifacts = {} } = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    artifacts?: Record<string, Artifact>;
  };
  return Object.entries(artifacts).flatMap(([id, artifact]): AssemblyStack[] => {
    // A CDK Stage synthesizes into a nested assembly of its own.
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      return stacksOf(join(assemblyDir, artifact.properties.directoryName));
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) {
      return [];
    }
    const region = /^aws:\/\/[^/]+\/([a-z0-9-]+)$/.exec(artifact.environment ?? '')?.[1];
    return [
      {
        id: artifact.displayName ?? id,
        stackName: artifact.properties.stackName ?? id,
        assemblyDir,
        ...(region && region !== 'unknown-region' ? { region } : {}),
        template: JSON.parse(
          readFileSync(join(assemblyDir, artifact.properties.templateFile), 'utf8'),
        ) as Record<string, unknown>,
      },
    ];
  });
}

const hasHttpApi = (stack: AssemblyStack) =>
  resourcesOfType(stack.template as CfnTemplate, 'AWS::ApiGatewayV2::Api').some(
    ([, api]) => api.Properties?.['ProtocolType'] === 'HTTP',
  );

/**
 * The stack of a cloud assembly to serve: the one named (artifact id, display name or stack
 * name), else the only one with an HTTP API.
 * @throws TemplateReadError naming what is missing: the directory, the stack, an HTTP API.
 */
export function readAssemblyStack(dir: string, stack?: string): AssemblyStack {
  const assemblyDir = resolve(dir);
  if (!existsSync(assemblyDir))
    throw new TemplateReadError(`assembly ${assemblyDir} does not exist`);
  const stacks = stacksOf(assemblyDir);
  const names = stacks.map((s) => s.id).join(', ') || 'none';
  if (stack !== undefined) {
    const found = stacks.find((s) => s.id === stack || s.stackName === stack);
    if (!found)
      throw new TemplateReadError(`no stack ${stack} in ${assemblyDir} (stacks: ${names})`);
    if (!hasHttpApi(found)) throw new TemplateReadError(`stack ${found.id} has no HTTP API`);
    return found;
  }
  const withApi = stacks.filter(hasHttpApi);
  const [only, ...others] = withApi;
  if (only && !others.length) return only;
  if (!only) throw new TemplateReadError(`${assemblyDir} holds no HTTP API (stacks: ${names})`);
  throw new TemplateReadError(
    `several stacks of ${assemblyDir} have an HTTP API (${withApi.map((s) => s.id).join(', ')}): choose one with --stack`,
  );
}

/** Every CloudFormation stack of a cloud assembly, nested stages' included. */
export const readAssemblyStacks = (dir: string): AssemblyStack[] => stacksOf(resolve(dir));
