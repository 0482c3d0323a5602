/**
 * The DLQ as the output shows it: each message with the reason attributes the handler put on it
 * (`lambda/failures/queue-actions.ts` `DLQ_ATTRIBUTE`), tied back to the event that was published.
 */
import type { Message } from '@aws-sdk/client-sqs';
import { DLQ_ATTRIBUTE } from '../../lambda/failures/queue-actions.js';
import type { SampleEvent } from './event-files.js';

export interface DeadLetterRow {
  /** The published event's label, or the DLQ message id when the source message is not one we published. */
  readonly label: string;
  /** `ecbn-source-message-id`: the SQS message id of the source message. */
  readonly sourceMessageId: string | undefined;
  /** `ecbn-error-class` (`permanent`, `transient`, `configuration`); undefined when the attribute is missing. */
  readonly errorClass: string | undefined;
  /** `ecbn-error`: the reason. */
  readonly error: string | undefined;
  readonly eventId: string | undefined;
  readonly receiveCount: string | undefined;
}

/**
 * @example
 * deadLetterRows(await pipeline.readDeadLetters(), eventsByMessageId);
 * // [{ label: 'invalid-email-and-typo', errorClass: 'permanent', error: 'InvalidEventError: …', … }]
 */
export function deadLetterRows(
  messages: readonly Message[],
  eventsByMessageId: ReadonlyMap<string, SampleEvent>,
): DeadLetterRow[] {
  return messages.map((message) => {
    const attribute = (name: string): string | undefined => {
      const value = message.MessageAttributes?.[name]?.StringValue;
      return value === undefined || value === '-' ? undefined : value;
    };
    const sourceMessageId = attribute(DLQ_ATTRIBUTE.SOURCE_MESSAGE_ID);
    const event = sourceMessageId === undefined ? undefined : eventsByMessageId.get(sourceMessageId);
    return {
      label: event?.label ?? `DLQ message ${message.MessageId ?? '?'}`,
      sourceMessageId,
      errorClass: attribute(DLQ_ATTRIBUTE.ERROR_CLASS),
      error: attribute(DLQ_ATTRIBUTE.ERROR),
      eventId: attribute(DLQ_ATTRIBUTE.EVENT_ID) ?? event?.eventId,
      receiveCount: attribute(DLQ_ATTRIBUTE.RECEIVE_COUNT),
    };
  });
}
