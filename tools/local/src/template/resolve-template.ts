import { props, resourcesOfType, TemplateReadError, type CfnTemplate } from './cfn-template';

/**
 * Local values for what only the cloud knows, from `npm start -- --parameters values.json`:
 * SSM parameter names (`/shop/feature-flags`) and CloudFormation parameter names.
 */
export type LocalParameters = Readonly<Record<string, string>>;

/** Another stack of the same assembly: its outputs can satisfy `Fn::ImportValue`. */
export type ExportingStack = { readonly id: string; readonly template: Record<string, unknown> };

type Template = CfnTemplate & {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
};

/** `{{resolve:ssm:name}}` or `{{resolve:ssm:name:version}}` (CloudFormation dynamic references). */
const SSM_REFERENCE = /\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}/g;
const ANY_DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/;
const isSsmType = (type: unknown) =>
  typeof type === 'string' && type.startsWith('AWS::SSM::Parameter::Value<');

/** The resource types the local server reads: a value they hold that it cannot resolve matters. */
const READ_TYPES = [
  'AWS::ApiGatewayV2::',
  'AWS::Lambda::Function',
  'AWS::Lambda::LayerVersion',
  'AWS::DynamoDB::',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What CloudFormation would put in place of each parameter, where this machine knows it. */
function parameterValues(template: Template, values: LocalParameters): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const given = values[name];
    if (given !== undefined) resolved.set(name, given);
    else if (isSsmType(parameter.Type)) {
      // An SSM-typed parameter's default names the SSM parameter whose value it takes.
      const fromSsm = typeof parameter.Default === 'string' ? values[parameter.Default] : undefined;
      if (fromSsm !== undefined) resolved.set(name, fromSsm);
    } else if (typeof parameter.Default === 'string' || typeof parameter.Default === 'number') {
      resolved.set(name, String(parameter.Default));
    }
  }
  return resolved;
}

/** Export name → value, for the plain-string outputs of the assembly's other stacks. */
function exportedValues(stacks: readonly ExportingStack[]): Map<string, string> {
  const exported = new Map<string, string>();
  for (const stack of stacks) {
    for (const output of Object.values((stack.template as Template).Outputs ?? {})) {
      const name = output.Export?.Name;
      if (typeof name === 'string' && typeof output.Value === 'string') {
        exported.set(name, output.Value);
      }
    }
  }
  return exported;
}

/**
 * The template with what CloudFormation resolves from outside the stack put in place, where this
 * machine knows it: `Ref`s to parameters (`--parameters` values, else their default; an
 * SSM-typed parameter from its SSM parameter's value), `{{resolve:ssm:…}}` dynamic references
 * (`--parameters` values by SSM name) and `Fn::ImportValue` of an export of another stack of the
 * same assembly (when its value is a plain string).
 * @throws TemplateReadError naming the resource (logical id) of the API, its functions, layers
 *   or tables that still holds such a value, and how to give it.
 */
export function resolveTemplate(
  template: Record<string, unknown>,
  options: { parameters?: LocalParameters; stacks?: readonly ExportingStack[] } = {},
): Record<string, unknown> {
  const cfn = template as Template;
  const values = options.parameters ?? {};
  const parameters = parameterValues(cfn, values);
  const exported = exportedValues(options.stacks ?? []);
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(SSM_REFERENCE, (reference, name: string) => values[name] ?? reference);
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (!isRecord(value)) return value;
    const ref = value['Ref'];
    if (typeof ref === 'string' && parameters.has(ref)) return parameters.get(ref);
    const imported = value['Fn::ImportValue'];
    if (typeof imported === 'string' && exported.has(imported)) return exported.get(imported);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, resolve(v)]));
  };
  const resources = Object.fromEntries(
    Object.entries(cfn.Resources ?? {}).map(([id, resource]) => [id, resolve(resource)]),
  );
  const resolved = { ...cfn, Resources: resources } as Template;
  refuseRestApis(resolved);
  for (const [id, resource] of Object.entries(resolved.Resources ?? {})) {
    if (!READ_TYPES.some((type) => resource.Type.startsWith(type))) continue;
    const unresolved = findUnresolved(props(resource), cfn);
    if (unresolved) throw new TemplateReadError(`${resource.Type} ${id}: ${unresolved}`);
  }
  return resolved as Record<string, unknown>;
}

/** The first value only the cloud can resolve, described with how to give it locally. */
function findUnresolved(value: unknown, template: Template, path = ''): string | undefined {
  if (typeof value === 'string') {
    const reference = ANY_DYNAMIC_REFERENCE.exec(value)?.[0];
    if (!reference) return undefined;
    const ssm = /^\{\{resolve:ssm:([^:}]+)/.exec(reference)?.[1];
    return ssm
      ? `${path} is ${reference}, which CloudFormation resolves at deploy time: give its value with --parameters (a JSON file: {"${ssm}": "…"})`
      : `${path} is ${reference}, a dynamic reference the local server does not resolve`;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnresolved(item, template, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const ref = value['Ref'];
  if (typeof ref === 'string' && template.Parameters?.[ref]) {
    const parameter = template.Parameters[ref];
    const key =
      isSsmType(parameter?.Type) && typeof parameter?.Default === 'string'
        ? parameter.Default
        : ref;
    return `${path} is parameter ${ref}${isSsmType(parameter?.Type) ? ` (SSM parameter ${key})` : ''}, which has no local value: give it with --parameters (a JSON file: {"${key}": "…"})`;
  }
  if (value['Fn::ImportValue'] !== undefined) {
    return `${path} imports ${JSON.stringify(value['Fn::ImportValue'])} (Fn::ImportValue), which no stack of this assembly exports as a plain value`;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = findUnresolved(item, template, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

function refuseRestApis(template: Template) {
  const [rest] = resourcesOfType(template, 'AWS::ApiGateway::RestApi');
  if (rest) {
    throw new TemplateReadError(
      `AWS::ApiGateway::RestApi ${rest[0]}: REST APIs (API Gateway v1) are not emulated; only the HTTP API is served`,
    );
  }
}
