import type { SmokeTarget } from './smoke-target';

export type StageOutputs = Readonly<Record<string, string>>;

/**
 * A deployed stage as the suite's target, from its stack's outputs and its machine client, whose
 * secret Cognito keeps (the stack never copies it anywhere). Needs `cloudformation:DescribeStacks`
 * and `cognito-idp:DescribeUserPoolClient`: the CDK lookup role has both.
 */
export async function stageTarget(stage: string, region?: string): Promise<SmokeTarget> {
  // Loaded here only: a URL run needs neither CDK nor the AWS SDK.
  const [{ stackNameFor }, { CloudFormationClient, DescribeStacksCommand }, cognito] =
    await Promise.all([
      import('@items-api/infra'),
      import('@aws-sdk/client-cloudformation'),
      import('@aws-sdk/client-cognito-identity-provider'),
    ]);
  const config = region ? { region } : {};
  const stackName = stackNameFor(stage);
  const described = await new CloudFormationClient(config).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const outputs = Object.fromEntries(
    (described.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
  );
  const found = await stageOutputs(stackName, outputs);
  const client = await new cognito.CognitoIdentityProviderClient(config).send(
    new cognito.DescribeUserPoolClientCommand({
      UserPoolId: found.userPoolId,
      ClientId: found.machineClientId,
    }),
  );
  const secret = client.UserPoolClient?.ClientSecret;
  if (!secret) throw new Error(`${stackName}: its machine client has no secret`);
  return {
    apiUrl: found.apiUrl,
    webOrigin: new URL(found.webUrl).origin,
    tokens: { issuer: found.jwtIssuer, tokenEndpoint: found.tokenEndpoint },
    client: { id: found.machineClientId, secret },
  };
}

/** The outputs the suite reads, by the stack's own names for them; throws naming what is missing. */
export async function stageOutputs(stackName: string, outputs: StageOutputs) {
  const { StackOutputs } = await import('@items-api/infra');
  const read = (key: keyof typeof StackOutputs, hint: string) => {
    const value = outputs[StackOutputs[key]];
    if (!value) throw new Error(`${stackName} has no ${StackOutputs[key]} output: ${hint}`);
    return value;
  };
  const cognitoOnly = 'the smoke test gets its token from the stage’s Cognito user pool';
  return {
    apiUrl: read('apiUrl', 'is it deployed?'),
    webUrl: read('webUrl', 'is it deployed?'),
    jwtIssuer: read('jwtIssuer', 'is it deployed?'),
    tokenEndpoint: read('tokenEndpoint', cognitoOnly),
    userPoolId: read('userPoolId', cognitoOnly),
    machineClientId: read(
      'machineClientId',
      'the stage has no machine client (oauth.machineClient in its stage config)',
    ),
  };
}
