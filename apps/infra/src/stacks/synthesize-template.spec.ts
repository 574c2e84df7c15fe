import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeTemplate } from './synthesize-template';

type Template = {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

describe('synthesizeTemplate', () => {
  it('returns the stack template with placeholder code and leaves no files behind', () => {
    // A private temp dir: other suites synthesize in parallel in the shared one.
    const privateTmp = mkdtempSync(join(tmpdir(), 'synth-spec-'));
    const originalTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = privateTmp;
    let template: Template;
    try {
      template = synthesizeTemplate({ stage: 'dev' }) as Template;
      expect(readdirSync(privateTmp)).toEqual([]);
    } finally {
      if (originalTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = originalTmp;
      rmSync(privateTmp, { recursive: true, force: true });
    }
    // The API's functions (CDK's site-deployment provider function is the third).
    const functions = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties['Handler'] === 'main.handler',
    );
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties['Code']).toEqual({ ZipFile: expect.stringContaining('placeholder') });
    }
  });

  it('applies overrides to the stage config', () => {
    const template = synthesizeTemplate({
      stage: 'prod',
      overrides: { cors: { allowOrigins: ['https://b.example'] } },
    }) as Template;
    const api = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api');
    expect(api?.Properties['CorsConfiguration']).toMatchObject({
      AllowOrigins: [
        expect.objectContaining({ 'Fn::Join': expect.anything() }),
        'https://b.example',
      ],
    });
  });

  it('rejects an unknown stage', () => {
    expect(() => synthesizeTemplate({ stage: 'qa' })).toThrow('Unknown stage "qa"');
  });
});
