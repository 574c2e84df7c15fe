import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  optionalNumber,
  props,
  referencedId,
  resourcesOfType,
  TemplateReadError,
  type CfnResource,
  type CfnTemplate,
} from './cfn-template';

/** Where a function's code is: a directory (the asset `cdk deploy` zips) or inline source. */
export type FunctionCode =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'inline'; readonly source: string };

/**
 * A Lambda function as the template declares it: everything the local runtime needs to run it
 * the way Lambda would. Produced by `readFunctions(template, assemblyDir)`.
 */
export type LambdaFunction = {
  readonly logicalId: string;
  /** `FunctionName` when the template gives one, else `<stack>-<logicalId>` (Lambda adds a suffix). */
  readonly functionName: string;
  /** `file.export` (the file may sit in a folder: `src/index.handler`). */
  readonly handler: string;
  readonly runtime: string;
  readonly architecture: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Plain-string variables, as the template gives them. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Variables CloudFormation resolves at deploy time, by name, with the logical id they reference
   * (a `Ref` or `Fn::GetAtt`) when there is one: the local server fills in the ones it can.
   */
  readonly deployTimeEnvironment: Readonly<
    Record<string, { readonly ref?: string; readonly attribute?: string }>
  >;
  /** `ReservedConcurrentExecutions`; undefined means the account's unreserved pool. */
  readonly reservedConcurrency?: number;
  /** `LoggingConfig.LogFormat`: `Text` (Lambda's default) or `JSON`. */
  readonly logFormat: 'Text' | 'JSON';
  readonly applicationLogLevel?: string;
  readonly systemLogLevel?: string;
  readonly tracing: 'Active' | 'PassThrough';
  readonly code: FunctionCode;
  /**
   * The content directories of its layers (`AWS::Lambda::LayerVersion` assets of the
   * assembly), in the template's order: what Lambda extracts into `/opt`, later layers over
   * earlier ones.
   */
  readonly layers: readonly string[];
};

// What Lambda uses when the template leaves a setting out (AWS::Lambda::Function reference).
const defaults = { timeoutSeconds: 3, memoryMb: 128, architecture: 'x86_64' };

/**
 * The `AWS::Lambda::Function` resources of a template. Code comes from the resource's asset
 * metadata (`aws:asset:path`, relative to the assembly or absolute when staging is disabled),
 * else from the assembly's asset manifests by the `S3Key` the template points at, else from
 * `ZipFile` inline source.
 * `only` limits the reading to those logical ids (the functions a gateway routes to: a stack's
 * other functions, custom resources' among them, need not be runnable here).
 * @throws TemplateReadError naming a function whose code cannot be found.
 */
export function readFunctions(
  template: Record<string, unknown>,
  options: { assemblyDir?: string; stackName?: string; only?: ReadonlySet<string> } = {},
): Record<string, LambdaFunction> {
  const cfn = template as CfnTemplate;
  const manifestPaths = options.assemblyDir ? assetManifestPaths(options.assemblyDir) : {};
  const wanted = ([id]: [string, unknown]) => !options.only || options.only.has(id);
  const read = { ...options, manifestPaths, resources: cfn.Resources ?? {} };
  return Object.fromEntries(
    resourcesOfType(cfn, 'AWS::Lambda::Function')
      .filter(wanted)
      .map(([id, resource]) => [id, readFunction(id, resource, read)]),
  );
}

type ReadOptions = {
  assemblyDir?: string;
  stackName?: string;
  manifestPaths: Record<string, string>;
  resources: Readonly<Record<string, CfnResource>>;
};

function readFunction(
  logicalId: string,
  resource: CfnResource,
  options: ReadOptions,
): LambdaFunction {
  const p = props(resource);
  const variables =
    (p['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  const environment: Record<string, string> = {};
  const deployTimeEnvironment: Record<string, { ref?: string; attribute?: string }> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string') environment[name] = value;
    else deployTimeEnvironment[name] = referenceOf(value);
  }
  const logging = (p['LoggingConfig'] ?? {}) as Record<string, unknown>;
  const name = p['FunctionName'];
  return {
    logicalId,
    functionName:
      typeof name === 'string' ? name : [options.stackName, logicalId].filter(Boolean).join('-'),
    handler: String(p['Handler'] ?? ''),
    runtime: String(p['Runtime'] ?? ''),
    architecture:
      (Array.isArray(p['Architectures']) && typeof p['Architectures'][0] === 'string'
        ? p['Architectures'][0]
        : undefined) ?? defaults.architecture,
    timeoutSeconds: optionalNumber(p['Timeout']) ?? defaults.timeoutSeconds,
    memoryMb: optionalNumber(p['MemorySize']) ?? defaults.memoryMb,
    environment,
    deployTimeEnvironment,
    ...(optionalNumber(p['ReservedConcurrentExecutions']) !== undefined
      ? { reservedConcurrency: optionalNumber(p['ReservedConcurrentExecutions']) }
      : {}),
    logFormat: logging['LogFormat'] === 'JSON' ? 'JSON' : 'Text',
    ...(typeof logging['ApplicationLogLevel'] === 'string'
      ? { applicationLogLevel: logging['ApplicationLogLevel'] }
      : {}),
    ...(typeof logging['SystemLogLevel'] === 'string'
      ? { systemLogLevel: logging['SystemLogLevel'] }
      : {}),
    tracing:
      (p['TracingConfig'] as { Mode?: string } | undefined)?.Mode === 'Active'
        ? 'Active'
        : 'PassThrough',
    code: readCode(logicalId, resource, options),
    layers: readLayers(logicalId, p['Layers'], options),
  };
}

/**
 * Each layer's content directory. A layer that is not a `LayerVersion` asset of this assembly
 * (an ARN of a published layer) has content this machine does not have: refused.
 */
function readLayers(logicalId: string, layers: unknown, options: ReadOptions): string[] {
  if (layers === undefined) return [];
  return (Array.isArray(layers) ? layers : [layers]).map((layer) => {
    const id = referencedId(layer);
    const resource = id ? options.resources[id] : undefined;
    if (!id || resource?.Type !== 'AWS::Lambda::LayerVersion') {
      throw new TemplateReadError(
        `function ${logicalId}: layer ${JSON.stringify(layer)} is not a layer of this assembly, so its content cannot be mounted locally`,
      );
    }
    const path = assetPath(resource, 'Content', options);
    if (!path) {
      throw new TemplateReadError(
        `layer ${id} (of function ${logicalId}): its content is not an asset of the assembly`,
      );
    }
    if (!existsSync(path)) {
      throw new TemplateReadError(`layer ${id}: its content directory ${path} does not exist`);
    }
    return path;
  });
}

/**
 * Where an asset property's directory is: the resource's asset metadata (`aws:asset:path`,
 * relative to the assembly or absolute when staging is disabled), else the assembly's asset
 * manifests by the `S3Key` the property points at.
 */
function assetPath(
  resource: CfnResource,
  property: 'Code' | 'Content',
  options: Pick<ReadOptions, 'assemblyDir' | 'manifestPaths'>,
): string | undefined {
  const metadata = (resource as { Metadata?: Record<string, unknown> }).Metadata ?? {};
  const fromMetadata =
    metadata['aws:asset:property'] === property && typeof metadata['aws:asset:path'] === 'string'
      ? metadata['aws:asset:path']
      : undefined;
  const location = (props(resource)[property] ?? {}) as Record<string, unknown>;
  const s3Key = typeof location['S3Key'] === 'string' ? location['S3Key'] : undefined;
  const relative = fromMetadata ?? (s3Key ? options.manifestPaths[s3Key] : undefined);
  if (!relative) return undefined;
  return isAbsolute(relative) || !options.assemblyDir
    ? relative
    : join(options.assemblyDir, relative);
}

function referenceOf(value: unknown): { ref?: string; attribute?: string } {
  const id = referencedId(value);
  const getAtt = (value as Record<string, unknown> | null)?.['Fn::GetAtt'];
  const attribute = Array.isArray(getAtt) && typeof getAtt[1] === 'string' ? getAtt[1] : undefined;
  return { ...(id ? { ref: id } : {}), ...(attribute ? { attribute } : {}) };
}

function readCode(logicalId: string, resource: CfnResource, options: ReadOptions): FunctionCode {
  const code = (props(resource)['Code'] ?? {}) as Record<string, unknown>;
  if (typeof code['ZipFile'] === 'string') return { kind: 'inline', source: code['ZipFile'] };
  const path = assetPath(resource, 'Code', options);
  if (!path) {
    throw new TemplateReadError(
      `function ${logicalId}: its code is neither inline nor an asset of the assembly (an image or an S3 object cannot be run locally)`,
    );
  }
  if (!existsSync(path)) {
    throw new TemplateReadError(`function ${logicalId}: its code directory ${path} does not exist`);
  }
  return { kind: 'directory', path };
}

type AssetManifest = {
  files?: Record<
    string,
    {
      source?: { path?: string; packaging?: string };
      destinations?: Record<string, { objectKey?: string }>;
    }
  >;
};

/** Object key → source path, from every `*.assets.json` of the assembly (directory assets only). */
function assetManifestPaths(assemblyDir: string): Record<string, string> {
  const manifest = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifest)) return {};
  const artifacts = (JSON.parse(readFileSync(manifest, 'utf8')) as { artifacts?: object })
    .artifacts as Record<string, { type?: string; properties?: { file?: string } }> | undefined;
  const paths: Record<string, string> = {};
  for (const artifact of Object.values(artifacts ?? {})) {
    if (artifact.type !== 'cdk:asset-manifest' || !artifact.properties?.file) continue;
    const assets = JSON.parse(
      readFileSync(join(assemblyDir, artifact.properties.file), 'utf8'),
    ) as AssetManifest;
    for (const file of Object.values(assets.files ?? {})) {
      if (file.source?.packaging !== 'zip' || !file.source.path) continue;
      for (const destination of Object.values(file.destinations ?? {})) {
        if (destination.objectKey) paths[destination.objectKey] = file.source.path;
      }
    }
  }
  return paths;
}
