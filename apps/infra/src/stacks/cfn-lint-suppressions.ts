import { type IAspect } from 'aws-cdk-lib';
import { Role } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * cfn-lint rules switched off for single resources, in the resource's template metadata, with the
 * reason; `.cfnlintrc.yaml` lists the same ids (a test holds the two together). None is switched
 * off for a whole template.
 */
export const cfnLintResourceSuppressions = {
  W3005:
    "CDK's lambda.Function makes its resource depend on its execution role, which already comes in through the role's GetAtt; the same dependency also orders the role's default policy before the function, which no reference does. CDK offers no way to drop one without the other.",
} as const;

/** cfn-lint's per-resource switch: `Metadata: { cfn-lint: { config: { ignore_checks } } }`. */
export const cfnLintMetadataKey = 'cfn-lint';

/**
 * Marks every Lambda function that depends on its execution role construct (so its DependsOn
 * repeats the role its `Role` property already references) as W3005's exception.
 */
export class FunctionRoleDependsOnSuppression implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnFunction)) return;
    if (!node.node.dependencies.some((dependency) => dependency instanceof Role)) return;
    node.addMetadata(cfnLintMetadataKey, { config: { ignore_checks: ['W3005'] } });
  }
}
