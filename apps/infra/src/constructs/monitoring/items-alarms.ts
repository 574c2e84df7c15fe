import { KitDimensions, KitMetrics } from '@items-api/stack-contract';
import type { ProblemTypeName } from '@items-api/contract';
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmSetting, MonitoringSettings } from '../../stages/stage-config';

/** What the alarms watch; the stack passes its own resources. */
export interface WatchedResources {
  readonly api: IHttpApi;
  readonly items: { readonly fn: IFunction; readonly timeout: Duration };
  readonly docs: { readonly fn: IFunction };
  readonly table: ITableV2;
  readonly tableOperations: readonly Operation[];
  /** The items function's POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME. */
  readonly kitMetrics: { readonly namespace: string; readonly service: string };
}

export interface ItemsAlarmsProps extends WatchedResources {
  readonly stageName: string;
  readonly settings: MonitoringSettings;
  readonly topic: ITopic;
}

const unavailable: ProblemTypeName = 'unavailable';

/**
 * One alarm per way the stage can fail, each notifying the topic when it fires and when it
 * clears. Thresholds, periods and the reason for them come from the stage config; the reason is
 * the alarm's description. Missing data is not breaching: no traffic is not an outage.
 */
export class ItemsAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ItemsAlarmsProps) {
    super(scope, id);
    const { api, items, docs, table, settings } = props;
    const a = settings.alarms;
    const period = (setting: AlarmSetting) => Duration.seconds(setting.periodSeconds);

    const apiErrors = (s: AlarmSetting) =>
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: api.metricServerError({ statistic: 'Sum', period: period(s) }),
          requests: api.metricCount({ statistic: 'Sum', period: period(s) }),
        },
        label: '5xx, % of requests',
        period: period(s),
      });
    this.add('ApiServerErrorRate', apiErrors(a.apiServerErrorRate), a.apiServerErrorRate, {
      what: `At least ${a.apiServerErrorRate.threshold} % of API requests answered 5xx`,
    });

    const timeoutMs = items.timeout.toMilliseconds();
    const p99Threshold = (timeoutMs * a.latencyP99OfTimeout.threshold) / 100;
    this.add(
      'ItemsLatencyP99',
      items.fn.metricDuration({ statistic: 'p99', period: period(a.latencyP99OfTimeout) }),
      a.latencyP99OfTimeout,
      {
        threshold: p99Threshold,
        what: `Items function p99 duration at ${a.latencyP99OfTimeout.threshold} % of its ${timeoutMs} ms timeout (${p99Threshold} ms)`,
      },
    );

    for (const [name, fn] of [
      ['Items', items.fn],
      ['Docs', docs.fn],
    ] as const) {
      this.add(
        `${name}FunctionErrors`,
        fn.metricErrors({ statistic: 'Sum', period: period(a.functionErrors) }),
        a.functionErrors,
        { what: `${name} function invocation errors` },
      );
      this.add(
        `${name}FunctionThrottles`,
        fn.metricThrottles({ statistic: 'Sum', period: period(a.functionThrottles) }),
        a.functionThrottles,
        { what: `${name} function invocations throttled` },
      );
    }

    const concurrencyThreshold =
      (settings.accountConcurrencyLimit * a.concurrencyOfLimit.threshold) / 100;
    this.add(
      'AccountConcurrency',
      LambdaFunction.metricAllConcurrentExecutions({
        statistic: 'Maximum',
        period: period(a.concurrencyOfLimit),
      }),
      a.concurrencyOfLimit,
      {
        threshold: concurrencyThreshold,
        what: `Concurrent executions in the account at ${a.concurrencyOfLimit.threshold} % of its ${settings.accountConcurrencyLimit} quota (${concurrencyThreshold})`,
      },
    );

    const operations = [...props.tableOperations];
    this.add(
      'DynamoDBThrottles',
      table.metricThrottledRequestsForOperations({
        operations,
        period: period(a.dynamodbThrottles),
      }),
      a.dynamodbThrottles,
      { what: `DynamoDB throttled requests (${operations.join(', ')})` },
    );
    this.add(
      'DynamoDBSystemErrors',
      table.metricSystemErrorsForOperations({
        operations,
        period: period(a.dynamodbSystemErrors),
      }),
      a.dynamodbSystemErrors,
      { what: `DynamoDB system errors (${operations.join(', ')})` },
    );

    this.add(
      'UnavailableAnswers',
      new Metric({
        namespace: props.kitMetrics.namespace,
        metricName: KitMetrics.problems,
        dimensionsMap: {
          [KitDimensions.service]: props.kitMetrics.service,
          [KitDimensions.problem]: unavailable,
        },
        statistic: 'Sum',
        period: period(a.unavailableAnswers),
      }),
      a.unavailableAnswers,
      { what: '503 unavailable answers (the kit’s Problems metric)' },
    );

    const action = new SnsAction(props.topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  private add(
    id: string,
    metric: IMetric,
    setting: AlarmSetting,
    options: { what: string; threshold?: number },
  ) {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold ?? setting.threshold,
      evaluationPeriods: setting.evaluationPeriods,
      datapointsToAlarm: setting.datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${options.what}. Why: ${setting.reason}`,
    });
    this.alarms.push(alarm);
    return alarm;
  }
}
