/**
 * When an event happened, for ordering and the not-ready window: its `occurredAt` (which the parser already fills
 * from the envelope's time — SNS `Timestamp`, EventBridge `time`, CloudEvents `time` — when the event has none), else
 * when SQS received it (`SentTimestamp`).
 */
import type { SQSRecord } from 'aws-lambda';
import type { OnboardingEvent } from '../events/index.js';

/**
 * @example
 * eventTimeMs({ occurredAt: '2026-11-29T09:12:00Z', … }, record); // 1795770720000
 */
export function eventTimeMs(event: Pick<OnboardingEvent, 'occurredAt'>, record: SQSRecord): number | undefined {
  if (event.occurredAt) {
    const ms = Date.parse(event.occurredAt);
    if (Number.isFinite(ms)) return ms;
  }
  const sent = Number.parseInt(record.attributes.SentTimestamp, 10);
  return Number.isFinite(sent) ? sent : undefined;
}
