import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { deadLetterRows } from '../../../local/start/dead-letters.js';
import { sampleEventFactory } from './factories.js';

function dlqMessageFactory(attributes: Record<string, string>): Message {
  return {
    MessageId: 'dlq-1',
    Body: '{}',
    MessageAttributes: Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    ),
  };
}

describe('deadLetterRows', () => {
  it('ties a DLQ message to the published event through ecbn-source-message-id and keeps its reason', () => {
    // Prepare
    const message = dlqMessageFactory({
      'ecbn-error-class': 'permanent',
      'ecbn-error': 'InvalidEventError: person.email: invalid email',
      'ecbn-source-message-id': 'm1',
      'ecbn-event-id': '-',
      'ecbn-receive-count': '1',
    });
    const events = new Map([['m1', sampleEventFactory({ label: 'invalid-email', eventId: 'hr-bad' })]]);
    // Act
    const rows = deadLetterRows([message], events);
    // Assess
    expect(rows).toEqual([
      {
        label: 'invalid-email',
        sourceMessageId: 'm1',
        errorClass: 'permanent',
        error: 'InvalidEventError: person.email: invalid email',
        eventId: 'hr-bad',
        receiveCount: '1',
      },
    ]);
  });

  it('names a message nobody published by its DLQ id, and leaves missing attributes undefined', () => {
    // Act
    const rows = deadLetterRows([dlqMessageFactory({})], new Map());
    // Assess
    expect(rows).toEqual([
      {
        label: 'DLQ message dlq-1',
        sourceMessageId: undefined,
        errorClass: undefined,
        error: undefined,
        eventId: undefined,
        receiveCount: undefined,
      },
    ]);
  });
});
