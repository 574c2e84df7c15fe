import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly stageName: string;
  /** Subscribed by e-mail (AWS sends a confirmation first). */
  readonly email?: string;
  /** @default true */
  readonly retain?: boolean;
}

/**
 * The stage's alarm topic: encrypted with its own key (CloudWatch cannot publish to a topic
 * under the AWS-managed SNS key, Amazon SNS developer guide, "Configure KMS permissions for AWS
 * services"), TLS only, and only this account's CloudWatch alarms may publish.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const { account, region, partition } = Stack.of(this);
    const fromOwnAlarms = {
      ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
    };
    const key = new Key(this, 'Key', {
      description: `Encrypts the items-api-${props.stageName} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.retain === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOwnAlarms,
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      topicName: `items-api-${props.stageName}-alarms`,
      displayName: `Items API ${props.stageName} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOwnAlarms,
      }),
    );
    if (props.email) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.email));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An e-mail subscription: SNS retries delivery itself, and a dead-letter queue would only hold alarm notices that no one reads; the alarm state stays in CloudWatch.',
      });
    }
  }
}
