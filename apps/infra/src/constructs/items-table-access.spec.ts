import { iamActionsFor, ItemsTableAccess, type TransactionPart } from '@items-api/stack-contract';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import { buildPlaceholderStack } from '../stacks/synthesize-template';

/** The items function's entry: what api:build bundles, and so every module the bundle holds. */
const entry = resolve(__dirname, '../../../api/src/main.ts');
const sdkModules = ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb'];
const transactionParts: readonly TransactionPart[] = ['Put', 'Delete', 'Update', 'ConditionCheck'];

/** The source files the entry reaches through relative imports (packages are not ours to read). */
function reachableSources(from: string): Map<string, ts.SourceFile> {
  const files = new Map<string, ts.SourceFile>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    files.set(file, source);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      if (
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        statement.moduleSpecifier.text.startsWith('.') &&
        !(ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly)
      ) {
        const base = resolve(dirname(file), statement.moduleSpecifier.text);
        const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => {
          try {
            readFileSync(candidate);
            return true;
          } catch {
            return false;
          }
        });
        if (target) visit(target);
      }
    }
  };
  visit(from);
  return files;
}

/** `GetCommand` (document client) or `GetItemCommand` (low-level client) → `GetItem`. */
function operationOf(command: string, module: string): string {
  const name = command.replace(/Command$/, '');
  if (module === '@aws-sdk/client-dynamodb') return name;
  if (['Get', 'Put', 'Delete', 'Update', 'BatchGet', 'BatchWrite'].includes(name)) {
    return `${name}Item`;
  }
  return ['TransactGet', 'TransactWrite'].includes(name) ? `${name}Items` : name;
}

/**
 * What the function's code asks of DynamoDB: every SDK command it constructs, and the kinds of
 * write in the `TransactItems` of its transactions.
 */
function calledBySource(files: Iterable<ts.SourceFile>) {
  const operations = new Set<string>();
  const parts = new Set<TransactionPart>();
  for (const source of files) {
    const sdkNames = new Map<string, string>();
    for (const statement of source.statements) {
      if (
        ts.isImportDeclaration(statement) &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        sdkModules.includes(statement.moduleSpecifier.text)
      ) {
        const bindings = statement.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            sdkNames.set(element.name.text, statement.moduleSpecifier.text);
          }
        }
      }
    }
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const module = sdkNames.get(node.expression.text);
        if (module && node.expression.text.endsWith('Command')) {
          operations.add(operationOf(node.expression.text, module));
        }
      }
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        transactionParts.includes(node.name.text as TransactionPart) &&
        ts.isObjectLiteralExpression(node.parent) &&
        node.parent.properties.length === 1
      ) {
        parts.add(node.name.text as TransactionPart);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { operations: [...operations].sort(), transactionParts: [...parts].sort() };
}

describe("the items function's table access", () => {
  const called = calledBySource(reachableSources(entry).values());

  it('is declared exactly as the function source calls it (commands and transaction parts)', () => {
    expect(called.operations.length).toBeGreaterThan(0);
    expect(called).toEqual({
      operations: [...ItemsTableAccess.operations].sort(),
      transactionParts: [...ItemsTableAccess.transactionParts].sort(),
    });
  });

  it("is what the synthesized role allows: the called operations' actions and no other", () => {
    const template = Template.fromStack(buildPlaceholderStack({ stage: 'prod' }).stack);
    const actions = Object.entries(
      template.findResources('AWS::IAM::Policy') as Record<
        string,
        { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }
      >,
    )
      .filter(([id]) => id.startsWith('ItemsFunction'))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => action.startsWith('dynamodb:'));
    expect(actions.sort()).toEqual(iamActionsFor(called).sort());
    expect(actions).not.toContain('dynamodb:UpdateItem');
    expect(actions).not.toContain('dynamodb:ConditionCheckItem');
  });
});
