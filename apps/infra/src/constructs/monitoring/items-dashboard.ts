import { itemsOperations, KitDimensions, KitMetrics } from '@items-api/stack-contract';
import { ProblemTypes } from '@items-api/contract';
import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  type Alarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { WatchedResources } from './items-alarms';

export interface ItemsDashboardProps extends WatchedResources {
  readonly stageName: string;
  readonly alarms: readonly Alarm[];
}

const minute = Duration.minutes(1);

/**
 * One dashboard per stage: requests, errors and latency per route (the kit's per-operation
 * metrics: one operation per contract route), the gateway's view, cold starts, the functions,
 * and DynamoDB's latency, throttles and errors — with every alarm's state on top.
 */
export class ItemsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ItemsDashboardProps) {
    super(scope, id);
    const { namespace, service } = props.kitMetrics;
    const kit = (metricName: string, statistic: string, dimensions: Record<string, string>) =>
      new Metric({
        namespace,
        metricName,
        statistic,
        period: minute,
        dimensionsMap: { [KitDimensions.service]: service, ...dimensions },
      });
    const perOperation = (metricName: string, statistic: string) =>
      itemsOperations.map((operation) =>
        kit(metricName, statistic, { [KitDimensions.operation]: operation }).with({
          label: operation,
        }),
      );
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 8, height: 6 });
    const { api, items, docs, table } = props;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `items-api-${props.stageName}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Items API — ${props.stageName}\nPer route: the function's own metrics (namespace \`${namespace}\`), one line per contract operation; \`unmatched\` is a path or method no route has.`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 3 }),
    );
    this.dashboard.addWidgets(
      graph('Requests per route (per minute)', perOperation(KitMetrics.requests, 'Sum')),
      graph('5xx answers per route', perOperation(KitMetrics.serverErrors, 'Sum')),
      graph('4xx answers per route', perOperation(KitMetrics.clientErrors, 'Sum')),
    );
    this.dashboard.addWidgets(
      graph('Latency per route, p50 (ms)', perOperation(KitMetrics.latency, 'p50')),
      graph('Latency per route, p99 (ms)', perOperation(KitMetrics.latency, 'p99')),
      graph(
        'Problems by type',
        Object.keys(ProblemTypes).map((problem) =>
          kit(KitMetrics.problems, 'Sum', { [KitDimensions.problem]: problem }).with({
            label: problem,
          }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Gateway: requests, 4xx, 5xx',
        [
          api.metricCount({ statistic: 'Sum', period: minute, label: 'requests' }),
          api.metricClientError({ statistic: 'Sum', period: minute, label: '4xx' }),
          api.metricServerError({ statistic: 'Sum', period: minute, label: '5xx' }),
        ],
        [],
      ),
      graph('Gateway latency p99 (ms)', [
        api.metricLatency({ statistic: 'p99', period: minute, label: 'latency' }),
        api.metricIntegrationLatency({ statistic: 'p99', period: minute, label: 'integration' }),
      ]),
      graph(
        'Cold starts',
        [
          kit(KitMetrics.coldStart, 'Sum', {
            [KitDimensions.functionName]: items.fn.functionName,
          }).with({ label: 'items cold starts' }),
        ],
        [items.fn.metricInvocations({ statistic: 'Sum', period: minute, label: 'invocations' })],
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Functions: duration p99 (ms)',
        [
          items.fn.metricDuration({ statistic: 'p99', period: minute, label: 'items' }),
          docs.fn.metricDuration({ statistic: 'p99', period: minute, label: 'docs' }),
        ],
        [],
      ),
      graph('Functions: errors and throttles', [
        items.fn.metricErrors({ statistic: 'Sum', period: minute, label: 'items errors' }),
        items.fn.metricThrottles({ statistic: 'Sum', period: minute, label: 'items throttles' }),
        docs.fn.metricErrors({ statistic: 'Sum', period: minute, label: 'docs errors' }),
        docs.fn.metricThrottles({ statistic: 'Sum', period: minute, label: 'docs throttles' }),
      ]),
      graph('Account concurrency', [
        LambdaFunction.metricAllConcurrentExecutions({
          statistic: 'Maximum',
          period: minute,
          label: 'concurrent executions',
        }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'DynamoDB latency per operation, average (ms)',
        props.tableOperations.map((operation) =>
          table.metricSuccessfulRequestLatency({
            dimensionsMap: { TableName: table.tableName, Operation: operation },
            statistic: 'Average',
            period: minute,
            label: operation,
          }),
        ),
      ),
      graph('DynamoDB retries and throttles seen by the function', [
        ...perOperation(KitMetrics.dynamodbRetries, 'Sum').map((m) =>
          m.with({ label: `${m.label} retries` }),
        ),
        ...perOperation(KitMetrics.dynamodbThrottles, 'Sum').map((m) =>
          m.with({ label: `${m.label} throttles` }),
        ),
      ]),
      // Two widgets: both sums name their per-operation metrics alike, which one graph refuses.
      new GraphWidget({
        title: 'DynamoDB throttled requests',
        left: [
          table.metricThrottledRequestsForOperations({
            operations: [...props.tableOperations],
            period: minute,
          }),
        ],
        width: 4,
        height: 6,
      }),
      new GraphWidget({
        title: 'DynamoDB system errors',
        left: [
          table.metricSystemErrorsForOperations({
            operations: [...props.tableOperations],
            period: minute,
          }),
        ],
        width: 4,
        height: 6,
      }),
    );
  }
}
