import { describe, expect, it } from 'vitest';
import { MAX_DEFER_SECONDS } from '../../lambda/failures/backoff.js';
import { notReadyWindowIssues } from '../../infra/queue-limits.js';
import { InvalidSettingsError, parseSettings } from '../../infra/settings.js';

const secretName = 'ecbn-provisioner/webex-token';

describe('the not-ready window the source queue can carry', () => {
  it('refuses at synth a 14-day window that 10 receives cannot reach, naming the limit', () => {
    // Act
    const parse = () => parseSettings({ secretName, personNotReadyRetryMinutes: '20160', maxReceiveCount: '2' });

    // Assess
    expect(parse).toThrow(InvalidSettingsError);
    expect(parse).toThrow(
      /personNotReadyRetryMinutes: must be at most 700 minutes with maxReceiveCount 2: SQS allows at most 12 h/,
    );
  });

  it('refuses a window whose oldest-message alarm would come after the source retention', () => {
    // Act
    const parse = () => parseSettings({ secretName, personNotReadyRetryMinutes: '5760', maxReceiveCount: '10' });

    // Assess
    expect(parse).toThrow(
      /personNotReadyRetryMinutes: must be below 5730 minutes: the source queue keeps messages 4 days/,
    );
  });

  it.each([
    { personNotReadyRetryMinutes: 60, maxReceiveCount: 10 },
    { personNotReadyRetryMinutes: 5729, maxReceiveCount: 10 },
    { personNotReadyRetryMinutes: Math.floor(MAX_DEFER_SECONDS / 60), maxReceiveCount: 2 },
  ])(
    'accepts a window the queue can carry: $personNotReadyRetryMinutes min over $maxReceiveCount receives',
    (settings) => {
      expect(notReadyWindowIssues(settings)).toEqual([]);
    },
  );

  it('refuses any window with a single receive (no deferral can follow it)', () => {
    expect(notReadyWindowIssues({ personNotReadyRetryMinutes: 1, maxReceiveCount: 1 })).toHaveLength(1);
  });
});
