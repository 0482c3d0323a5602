/**
 * A `FailureContext` for unit tests of `planFailure` / `settleFailure`: a first receive, the production defaults
 * (10 receives, a 60-minute not-ready window), recording queue actions, a fixed clock and a mid-range random.
 */
import { vi } from 'vitest';
import type { QueueActions } from '../../lambda/failures/queue-actions.js';
import type { FailureContext } from '../../lambda/failures/settle-failure.js';
import { sqsRecord } from './sqs-factories.js';

export function failureContextFactory(
  now: number,
  overrides: Partial<FailureContext> & { receiveCount?: number } = {},
): FailureContext {
  const queue: QueueActions = { deadLetter: vi.fn(async () => undefined), defer: vi.fn(async () => undefined) };
  const { receiveCount, ...rest } = overrides;
  return {
    record: sqsRecord('{}', { receiveCount: receiveCount ?? 1 }),
    settings: { maxReceiveCount: 10, personNotReadyRetryMinutes: 60 },
    queue,
    now: () => now,
    random: () => 0.5,
    ...rest,
  };
}
