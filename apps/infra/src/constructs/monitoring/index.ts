import { Construct } from 'constructs';
import type { MonitoringSettings } from '../../stages/stage-config';
import { AlarmTopic } from './alarm-topic';
import { ItemsAlarms, type WatchedResources } from './items-alarms';
import { ItemsDashboard } from './items-dashboard';

export interface ItemsMonitoringProps extends WatchedResources {
  readonly stageName: string;
  readonly settings: MonitoringSettings;
  /** Keep the topic's key when the stack goes. @default true */
  readonly retain?: boolean;
}

/** The stage's alarms, the SNS topic they notify, and its dashboard. */
export class ItemsMonitoring extends Construct {
  readonly topic: AlarmTopic;
  readonly alarms: ItemsAlarms;
  readonly dashboard: ItemsDashboard;

  constructor(scope: Construct, id: string, props: ItemsMonitoringProps) {
    super(scope, id);
    const { settings, retain, ...watched } = props;
    this.topic = new AlarmTopic(this, 'AlarmTopic', {
      stageName: props.stageName,
      email: settings.alarmEmail,
      retain,
    });
    this.alarms = new ItemsAlarms(this, 'Alarms', {
      ...watched,
      settings,
      topic: this.topic.topic,
    });
    this.dashboard = new ItemsDashboard(this, 'Dashboard', {
      ...watched,
      alarms: this.alarms.alarms,
    });
  }
}
