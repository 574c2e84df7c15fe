/** The slice of a CloudFormation template the reader looks at. */
export type CfnResource = {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
};

export type CfnTemplate = { readonly Resources?: Record<string, CfnResource> };

/** A template this reader cannot make sense of: names what is missing or unsupported. */
export class TemplateReadError extends Error {
  override name = 'TemplateReadError';
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources ?? {}).filter(([, r]) => r.Type === type);
}

export function onlyResourceOfType(
  template: CfnTemplate,
  ...types: string[]
): [string, CfnResource] {
  const found = types.flatMap((type) => resourcesOfType(template, type));
  if (found.length !== 1) {
    throw new TemplateReadError(`expected one ${types.join(' or ')}, found ${found.length}`);
  }
  return found[0] as [string, CfnResource];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The logical id an intrinsic points at: `{Ref: id}`, `{"Fn::GetAtt": [id, attr]}`, or the one
 * such reference inside an `Fn::Join` (`integrations/${Ref}` route targets, a Lambda
 * authorizer's `…/functions/${Arn}/invocations` URI); pseudo parameters (`AWS::Region`) are
 * not resources and do not count.
 */
export function referencedId(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value['Ref'] === 'string') {
    return value['Ref'].startsWith('AWS::') ? undefined : value['Ref'];
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  const join = value['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const ids = join[1].map(referencedId).filter((id): id is string => id !== undefined);
    return ids.length === 1 ? ids[0] : undefined;
  }
  return undefined;
}

/** Plain strings only: values CloudFormation resolves at deploy time are not known here. */
export const literalStrings = (values: unknown): string[] | undefined =>
  Array.isArray(values) && values.every((v) => typeof v === 'string') ? values : undefined;

export const props = (resource: CfnResource | undefined): Record<string, unknown> =>
  resource?.Properties ?? {};

export const optionalNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;
