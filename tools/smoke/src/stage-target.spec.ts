import { StackOutputs, synthesizeTemplate } from '@items-api/infra';
import { stageOutputs } from './stage-target';

describe('stageOutputs', () => {
  it("reads the outputs the dev stack declares, by the stack's own names", async () => {
    const declared = Object.keys(
      (synthesizeTemplate({ stage: 'dev' }) as { Outputs: Record<string, unknown> }).Outputs,
    );
    const outputs = Object.fromEntries(declared.map((name) => [name, `value of ${name}`]));
    expect(await stageOutputs('ItemsApi-dev', outputs)).toEqual({
      apiUrl: `value of ${StackOutputs.apiUrl}`,
      webUrl: `value of ${StackOutputs.webUrl}`,
      jwtIssuer: `value of ${StackOutputs.jwtIssuer}`,
      tokenEndpoint: `value of ${StackOutputs.tokenEndpoint}`,
      userPoolId: `value of ${StackOutputs.userPoolId}`,
      machineClientId: `value of ${StackOutputs.machineClientId}`,
    });
  });

  it('says which output is missing and why it matters', async () => {
    await expect(
      stageOutputs('ItemsApi-prod', {
        ApiUrl: 'https://a.example/',
        WebUrl: 'https://w.example/',
        JwtIssuer: 'https://i.example',
        TokenEndpoint: 'https://t.example/oauth2/token',
        UserPoolId: 'pool',
      }),
    ).rejects.toThrow(
      'ItemsApi-prod has no MachineClientId output: the stage has no machine client (oauth.machineClient in its stage config)',
    );
  });
});
