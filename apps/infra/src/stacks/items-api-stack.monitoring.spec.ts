import { ItemsTableAccess } from '@items-api/stack-contract';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildPlaceholderStack } from './synthesize-template';

type Resource = { Type: string; Properties: Record<string, unknown> };

const synth = (stage: string, overrides = {}) =>
  Template.fromStack(buildPlaceholderStack({ stage, overrides }).stack);

// Named assert* so the lint rule sees the CDK assertions as assertions.
const assertResource = (template: Template, type: string, props: unknown) =>
  template.hasResourceProperties(type, props);

const resourcesOf = (template: Template, type: string) =>
  Object.entries(template.findResources(type) as Record<string, Resource>);

const idOf = (template: Template, type: string, pattern: RegExp) => {
  const ids = resourcesOf(template, type)
    .map(([id]) => id)
    .filter((id) => pattern.test(id));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};

/** The alarm whose logical id starts with the construct path Monitoring/Alarms/<name>. */
const alarmNamed = (template: Template, name: string) => {
  const found = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(([id]) =>
    id.startsWith(`MonitoringAlarms${name}`),
  );
  expect(found).toHaveLength(1);
  return (found[0] as [string, Resource])[1].Properties;
};

// The operations the function calls (checked against its source by items-table-access.spec.ts).
const operations = ItemsTableAccess.operations;

describe('ItemsApiStack alarms (prod)', () => {
  let prod: Template;
  let topic: { Ref: string };
  let fn: { items: { Ref: string }; docs: { Ref: string } };
  let api: { Ref: string };
  let table: { Ref: string };
  beforeAll(() => {
    prod = synth('prod');
    topic = { Ref: idOf(prod, 'AWS::SNS::Topic', /^MonitoringAlarmTopic/) };
    fn = {
      items: { Ref: idOf(prod, 'AWS::Lambda::Function', /^ItemsFunction/) },
      docs: { Ref: idOf(prod, 'AWS::Lambda::Function', /^DocsFunction/) },
    };
    api = { Ref: idOf(prod, 'AWS::ApiGatewayV2::Api', /^HttpApi/) };
    table = { Ref: idOf(prod, 'AWS::DynamoDB::GlobalTable', /^ItemsTable/) };
  });

  const trigger = (threshold: number, periods: number, datapoints: number) => ({
    Threshold: threshold,
    EvaluationPeriods: periods,
    DatapointsToAlarm: datapoints,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  });
  const notifies = () => ({ AlarmActions: [topic], OKActions: [topic] });

  it('has exactly the ten alarms below, every one notifying the topic on alarm and on OK', () => {
    const alarms = resourcesOf(prod, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(10);
    for (const [, alarm] of alarms) expect(alarm.Properties).toMatchObject(notifies());
  });

  it('API 5xx rate: 5xx ÷ Count of the HTTP API, in percent, ≥ 1 in 3 of 5 minutes', () => {
    const apiMetric = (name: string) => ({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: name,
        Dimensions: [{ Name: 'ApiId', Value: api }],
      },
      Period: 60,
      Stat: 'Sum',
    });
    expect(alarmNamed(prod, 'ApiServerErrorRate')).toMatchObject({
      ...trigger(1, 5, 3),
      Metrics: [
        expect.objectContaining({
          Expression: 'IF(requests > 0, 100 * errors / requests, 0)',
          ReturnData: true,
        }),
        { Id: 'errors', MetricStat: apiMetric('5xx'), ReturnData: false },
        { Id: 'requests', MetricStat: apiMetric('Count'), ReturnData: false },
      ],
    });
  });

  it('p99 latency: the items function’s p99 Duration ≥ 80 % of its 10 s timeout', () => {
    expect(alarmNamed(prod, 'ItemsLatencyP99')).toMatchObject({
      ...trigger(8000, 5, 3),
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Period: 60,
      Dimensions: [{ Name: 'FunctionName', Value: fn.items }],
    });
  });

  it.each([
    ['ItemsFunctionErrors', 'Errors', 'items'],
    ['DocsFunctionErrors', 'Errors', 'docs'],
    ['ItemsFunctionThrottles', 'Throttles', 'items'],
    ['DocsFunctionThrottles', 'Throttles', 'docs'],
  ] as const)(
    '%s: Sum of Lambda %s of the %s function ≥ 1 in one minute',
    (name, metric, which) => {
      expect(alarmNamed(prod, name)).toMatchObject({
        ...trigger(1, 1, 1),
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Statistic: 'Sum',
        Period: 60,
        Dimensions: [{ Name: 'FunctionName', Value: fn[which] }],
      });
    },
  );

  it('concurrency: account-wide Maximum ConcurrentExecutions ≥ 800 (80 % of 1,000) for 3 minutes', () => {
    const alarm = alarmNamed(prod, 'AccountConcurrency');
    expect(alarm).toMatchObject({
      ...trigger(800, 3, 3),
      Namespace: 'AWS/Lambda',
      MetricName: 'ConcurrentExecutions',
      Statistic: 'Maximum',
      Period: 60,
    });
    expect(alarm['Dimensions']).toBeUndefined();
  });

  it.each([
    ['DynamoDBThrottles', 'ThrottledRequests', 1, 5, 3],
    ['DynamoDBSystemErrors', 'SystemErrors', 1, 5, 2],
  ] as const)(
    '%s: Sum of %s over every operation the function calls',
    (name, metric, threshold, periods, datapoints) => {
      const alarm = alarmNamed(prod, name);
      expect(alarm).toMatchObject(trigger(threshold, periods, datapoints));
      const metrics = alarm['Metrics'] as { Expression?: string; MetricStat?: unknown }[];
      expect(metrics[0]?.Expression).toBe(operations.map((o) => o.toLowerCase()).join(' + '));
      expect(metrics.slice(1).map((m) => m.MetricStat)).toEqual(
        operations.map((operation) => ({
          Metric: {
            Namespace: 'AWS/DynamoDB',
            MetricName: metric,
            Dimensions: [
              { Name: 'Operation', Value: operation },
              { Name: 'TableName', Value: table },
            ],
          },
          Period: 60,
          Stat: 'Sum',
        })),
      );
    },
  );

  it('503 unavailable: the kit’s Problems metric for problem=unavailable, Sum ≥ 5 in 3 of 5 minutes', () => {
    expect(alarmNamed(prod, 'UnavailableAnswers')).toMatchObject({
      ...trigger(5, 5, 3),
      Namespace: 'ItemsApi/prod',
      MetricName: 'Problems',
      Statistic: 'Sum',
      Period: 60,
      Dimensions: [
        { Name: 'problem', Value: 'unavailable' },
        { Name: 'service', Value: 'items-api' },
      ],
    });
  });

  it('describes every alarm with the reason the stage config gives for it', () => {
    for (const [, alarm] of resourcesOf(prod, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties['AlarmDescription']).toMatch(/\. Why: .{20,}/);
    }
  });

  it('gives the items function the namespace and service its metrics go to', () => {
    assertResource(prod, 'AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'items-api',
          POWERTOOLS_METRICS_NAMESPACE: 'ItemsApi/prod',
          POWERTOOLS_TRACE_ENABLED: 'true',
        }),
      },
    });
  });
});

describe('ItemsApiStack alarm topic and dashboard', () => {
  it('encrypts the topic with a rotated key, enforces TLS and lets only this account’s alarms publish', () => {
    const dev = synth('dev');
    const keyId = idOf(dev, 'AWS::KMS::Key', /^MonitoringAlarmTopicKey/);
    assertResource(dev, 'AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    assertResource(dev, 'AWS::KMS::Key', { EnableKeyRotation: true });
    assertResource(dev, 'AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: { ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    expect(resourcesOf(dev, 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('subscribes -c alarmEmail=… to the topic by e-mail', () => {
    const template = synth('dev', { monitoring: { alarmEmail: 'ops@example.com' } });
    const topicId = idOf(template, 'AWS::SNS::Topic', /^MonitoringAlarmTopic/);
    assertResource(template, 'AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topicId },
    });
  });

  it('uses the dev thresholds in dev', () => {
    const dev = synth('dev');
    expect(alarmNamed(dev, 'ItemsLatencyP99')).toMatchObject({ Threshold: 9000, Period: 300 });
    expect(alarmNamed(dev, 'UnavailableAnswers')).toMatchObject({
      Threshold: 10,
      Namespace: 'ItemsApi/dev',
    });
  });

  it('builds one dashboard per stage with per-route rate, errors and latency, cold starts and DynamoDB latency', () => {
    const dev = synth('dev');
    const dashboards = resourcesOf(dev, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const [, dashboard] = dashboards[0] as [string, Resource];
    expect(dashboard.Properties['DashboardName']).toBe('items-api-dev');
    const body = JSON.stringify(dashboard.Properties['DashboardBody']);
    for (const title of [
      'Requests per route',
      '5xx answers per route',
      'Latency per route, p99',
      'Cold starts',
      'DynamoDB latency per operation',
    ]) {
      expect(body).toContain(title);
    }
    for (const operation of ['listItems', 'createItem', 'getItem', 'replaceItem', 'deleteItem']) {
      expect(body).toContain(`\\"operation\\",\\"${operation}\\"`);
    }
    expect(body).toContain('SuccessfulRequestLatency');
    expect(body).toContain('ColdStart');
  });
});

describe('ItemsApiStack function logging', () => {
  it('writes JSON logs with Lambda’s advanced logging controls (application INFO, system WARN)', () => {
    const prod = synth('prod');
    // The API's own functions (the site deployment's custom resource is CDK's, not ours).
    const apiFunctions = resourcesOf(prod, 'AWS::Lambda::Function').filter(([id]) =>
      /^(Items|Docs)Function/.test(id),
    );
    expect(apiFunctions).toHaveLength(2);
    for (const [, fn] of apiFunctions) {
      expect(fn.Properties['LoggingConfig']).toMatchObject({
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'WARN',
      });
    }
    assertResource(prod, 'AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('writes START, END and REPORT on the dev stage (system INFO), as npm start shows them', () => {
    const dev = synth('dev');
    const apiFunctions = resourcesOf(dev, 'AWS::Lambda::Function').filter(([id]) =>
      /^(Items|Docs)Function/.test(id),
    );
    expect(apiFunctions).toHaveLength(2);
    for (const [, fn] of apiFunctions) {
      expect(fn.Properties['LoggingConfig']).toMatchObject({ SystemLogLevel: 'INFO' });
    }
  });
});
