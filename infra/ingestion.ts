/**
 * Optional ingestion wiring: an SNS topic and/or an EventBridge rule that deliver HR events to the source queue.
 */
import { EventBus, type EventPattern, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** An EventBridge pattern as EventBridge writes it (`detail-type`), e.g. from `-c eventPattern='{...}'`. */
export type RawEventPattern = Readonly<Record<string, unknown>>;

/**
 * Subscribes the queue to an SNS topic. Raw message delivery stays OFF: the queue receives the SNS envelope
 * (`Type: "Notification"`, event in `Message`), which the handler unwraps, and the envelope's `MessageId` serves as
 * the event id when the event has none. Messages SNS cannot deliver go to the dead-letter queue (SNS redrive).
 *
 * @example
 * subscribeToTopic(this, 'arn:aws:sns:eu-west-1:111122223333:hr-events', sourceQueue, deadLetterQueue);
 */
export function subscribeToTopic(scope: Construct, topicArn: string, queue: IQueue, deadLetterQueue: IQueue): void {
  const topic = Topic.fromTopicArn(scope, 'IngestTopic', topicArn);
  topic.addSubscription(new SqsSubscription(queue, { rawMessageDelivery: false, deadLetterQueue }));
}

/**
 * An EventBridge rule on the given bus (name or ARN; the rule lives in this stack's account) that sends matching
 * events to the queue. The queue receives the whole EventBridge event (`detail-type`, `detail`), which the handler
 * unwraps. Events EventBridge cannot deliver go to the dead-letter queue with EventBridge's error attributes.
 *
 * @example
 * routeFromEventBus(this, 'hr-bus', { source: ['hr.system'] }, sourceQueue, deadLetterQueue);
 */
export function routeFromEventBus(
  scope: Construct,
  eventBusName: string,
  pattern: RawEventPattern,
  queue: IQueue,
  deadLetterQueue: IQueue,
): Rule {
  const bus: IEventBus = eventBusName.startsWith('arn:')
    ? EventBus.fromEventBusArn(scope, 'IngestBus', eventBusName)
    : EventBus.fromEventBusName(scope, 'IngestBus', eventBusName);
  return new Rule(scope, 'IngestRule', {
    description: 'HR onboarding events to the ecbn-provisioner source queue',
    eventBus: bus,
    eventPattern: toCdkEventPattern(pattern),
    targets: [new SqsQueue(queue, { deadLetterQueue })],
  });
}

/**
 * EventBridge's JSON keys → CDK's `EventPattern` keys (`detail-type` → `detailType`); values pass through unchanged.
 * CDK types most values as `string[]`, but it copies them verbatim, so content filters (`{"prefix": "..."}`) work.
 *
 * @example
 * toCdkEventPattern({ 'detail-type': ['user.created'] }); // { detailType: ['user.created'] }
 */
export function toCdkEventPattern(pattern: RawEventPattern): EventPattern {
  const renamed = Object.fromEntries(
    Object.entries(pattern).map(([key, value]) => [key === 'detail-type' ? 'detailType' : key, value]),
  );
  return renamed as EventPattern;
}
