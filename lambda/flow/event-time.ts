/**
 * When an event happened, for ordering and the not-ready window: its `occurredAt` (which the parser already fills
 * from the envelope's time — SNS `Timestamp`, EventBridge `time`, CloudEvents `time` — when the event has none), else
 * when SQS received it (`SentTimestamp`).
 */
import type { SQSRecord } from 'aws-lambda';
import type { OnboardingEvent } from '../events/index.js';

/**
 * How far ahead of our clock an event may be dated. The newest event's time is the person's ordering watermark: an
 * event dated in 2062 by a typo would otherwise make every later event for that person `stale` (acknowledged, never
 * applied). Wide enough for any clock skew or time-zone slip; anything later is invalid (dead-lettered, loud).
 */
export const MAX_EVENT_TIME_AHEAD_MS = 24 * 60 * 60_000;

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
