import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal, type IGrantable, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import {
  type ApplicationLogLevel,
  Architecture,
  Function,
  LoggingFormat,
  Runtime,
  type SystemLogLevel,
  Tracing,
  type Code,
  type IFunction,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ApiFunctionProps {
  /** The bundle: `Code.fromAsset('dist/apps/api')` when deploying, inline code in tests. */
  readonly code: Code;
  /** @default 'main.handler' */
  readonly handler?: string;
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Keep the log group when the stack goes. @default true */
  readonly retainLogs?: boolean;
  /** X-Ray active tracing. @default false */
  readonly tracing?: boolean;
  /**
   * Lambda's advanced logging controls: the level Lambda passes to the function as
   * AWS_LAMBDA_LOG_LEVEL (Powertools Logger follows it). @default 'INFO'
   */
  readonly applicationLogLevel?: `${ApplicationLogLevel}`;
  /** Lambda's system log level: INFO writes START, END and REPORT. @default 'WARN' */
  readonly systemLogLevel?: `${SystemLogLevel}`;
  /** @default - no description */
  readonly description?: string;
}

/**
 * A Node.js 24 arm64 function behind the gateway, with its own log group (retention set, JSON
 * log format with Lambda's advanced logging controls) and a role that may write only to that
 * log group: no AWS managed policy.
 */
export class ApiFunction extends Construct implements IGrantable {
  readonly fn: IFunction;
  /** The function's timeout: alarms compare its duration with it. */
  readonly timeout: Duration;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const {
      code,
      handler = 'main.handler',
      memoryMb = 256,
      timeoutSeconds = 10,
      environment = {},
      logRetention = RetentionDays.ONE_MONTH,
      retainLogs = true,
      tracing = false,
      applicationLogLevel = 'INFO',
      systemLogLevel = 'WARN',
      description,
    } = props;
    const logGroup = new LogGroup(this, 'Logs', {
      retention: logRetention,
      removalPolicy: retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}: writes its own logs, plus what the stack grants`,
    });
    logGroup.grantWrite(role);
    this.fn = new Function(this, 'Function', {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      code,
      handler,
      memorySize: memoryMb,
      timeout: Duration.seconds(timeoutSeconds),
      // No NODE_OPTIONS=--enable-source-maps: the bundles ship without source maps, and the flag
      // makes every stack trace slower to build.
      environment,
      logGroup,
      // JSON log format: Lambda's own platform lines are JSON like the Powertools ones, and the
      // application log level (AWS_LAMBDA_LOG_LEVEL) applies without a deploy of the code.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: applicationLogLevel as ApplicationLogLevel,
      systemLogLevelV2: systemLogLevel as SystemLogLevel,
      role,
      tracing: tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      description,
    });
    this.grantPrincipal = role;
    this.timeout = Duration.seconds(timeoutSeconds);
    this.acknowledgeFindings(tracing);
  }

  /** Findings this construct accepts by design; cdk-nag reads these acknowledgements. */
  private acknowledgeFindings(tracing: boolean) {
    const runtimeReason =
      'nodejs24.x is the Node version the bundle is built and tested on (package.json pins node 24); runtime and toolchain move together.';
    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Only API Gateway invokes this function, synchronously: failures go back to the caller; a DLQ only catches asynchronous invocations.',
      },
    );
    if (tracing) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions, so active tracing needs Resource "*".',
      });
    } else {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason:
          'Tracing is a per-stage choice (StageConfig.tracing): on in prod, off in dev to save cost.',
      });
    }
  }
}
