import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { synthesizeTemplate } from './synthesize-template';

type Template = {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

const synthDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('items-api-synth-'));

describe('synthesizeTemplate', () => {
  it('returns the stack template with placeholder code and leaves no files behind', () => {
    const before = synthDirs();
    const template = synthesizeTemplate({ stage: 'dev' }) as Template;
    const functions = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties['Code']).toEqual({ ZipFile: expect.stringContaining('placeholder') });
    }
    expect(synthDirs()).toEqual(before);
  });

  it('applies overrides to the stage config', () => {
    const template = synthesizeTemplate({
      stage: 'prod',
      overrides: { cors: { allowOrigins: ['https://b.example'] } },
    }) as Template;
    const api = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api');
    expect(api?.Properties['CorsConfiguration']).toMatchObject({
      AllowOrigins: ['https://b.example'],
    });
  });

  it('rejects an unknown stage', () => {
    expect(() => synthesizeTemplate({ stage: 'qa' })).toThrow('Unknown stage "qa"');
  });
});
