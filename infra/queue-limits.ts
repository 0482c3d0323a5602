/**
 * The source queue's time limits, and the settings they rule out. A not-ready window that the queue cannot carry is
 * refused at synth, naming the limit, rather than deployed and then silently cut short.
 */
import { MAX_DEFER_SECONDS } from '../lambda/failures/backoff.js';

/**
 * Source retention: shorter than the DLQ's, because a message moved there by redrive keeps its original enqueue
 * time ("the expiration of a message is always based on its original enqueue timestamp").
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
export const SOURCE_RETENTION_DAYS = 4;

/** Dead-letter retention: the maximum, so people have two weeks to read a failure's reason and replay it. */
export const DEAD_LETTER_RETENTION_DAYS = 14;

/** The oldest-message alarm fires this long after the not-ready window (people retried by design until then). */
export const OLDEST_MESSAGE_ALARM_SLACK_MINUTES = 30;

/**
 * What the queue can carry of a not-ready window, as the issues that refuse a setting (empty when it fits):
 *
 * - receives: a message is seen at most `maxReceiveCount` times and deferred at most {@link MAX_DEFER_SECONDS}
 *   (SQS's 12 h visibility limit) between two, so the last receive comes at most
 *   `(maxReceiveCount − 1) × MAX_DEFER_SECONDS` after the first;
 * - retention: the oldest-message alarm (window + {@link OLDEST_MESSAGE_ALARM_SLACK_MINUTES}) must fire before SQS
 *   deletes the message at the end of the source retention.
 *
 * @example
 * notReadyWindowIssues({ personNotReadyRetryMinutes: 20_160, maxReceiveCount: 10 }); // two issues
 */
export function notReadyWindowIssues(settings: {
  readonly personNotReadyRetryMinutes: number;
  readonly maxReceiveCount: number;
}): string[] {
  const issues: string[] = [];
  const window = settings.personNotReadyRetryMinutes;
  const reachable = Math.floor(((settings.maxReceiveCount - 1) * MAX_DEFER_SECONDS) / 60);
  if (window > reachable) {
    issues.push(
      `must be at most ${reachable} minutes with maxReceiveCount ${settings.maxReceiveCount}: SQS allows at most ` +
        `12 h of visibility per receive, so ${settings.maxReceiveCount} receives cover ${reachable} minutes ` +
        `((maxReceiveCount - 1) x ${MAX_DEFER_SECONDS} s); raise maxReceiveCount or shorten the window`,
    );
  }
  const retentionMinutes = SOURCE_RETENTION_DAYS * 24 * 60;
  const alarmAt = window + OLDEST_MESSAGE_ALARM_SLACK_MINUTES;
  if (alarmAt >= retentionMinutes) {
    issues.push(
      `must be below ${retentionMinutes - OLDEST_MESSAGE_ALARM_SLACK_MINUTES} minutes: the source queue keeps ` +
        `messages ${SOURCE_RETENTION_DAYS} days (${retentionMinutes} minutes) and the oldest-message alarm fires ` +
        `${OLDEST_MESSAGE_ALARM_SLACK_MINUTES} minutes after the window, which must be before SQS deletes the message`,
    );
  }
  return issues;
}
