import { describe, expect, it, vi } from 'vitest';
import {
  InvalidEventError,
  LedgerBusyError,
  PersonNotReadyError,
  RecordNotStartedError,
  TokenUnavailableError,
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexRateLimitedError,
  WebexServerError,
  WebexTimeoutError,
} from '../../../lambda/errors.js';
import { attributeText } from '../../../lambda/failures/queue-actions.js';
import { planFailure, settleFailure, type FailureContext } from '../../../lambda/failures/settle-failure.js';
import { failureContextFactory } from '../../helpers/failure-context.js';

const request = { method: 'GET', path: '/people/x', trackingId: 'ECBNP_test' };
const NOW = Date.parse('2026-11-29T10:00:00Z');

function context(overrides: Partial<FailureContext> & { receiveCount?: number } = {}): FailureContext {
  return failureContextFactory(NOW, overrides);
}

describe('planFailure', () => {
  it.each([
    [
      'dead-letters an invalid event at once',
      new InvalidEventError('person.email: invalid email'),
      {},
      'dead-letter',
      'permanent',
    ],
    ['dead-letters a refused update at once', new WebexBadRequestError(400, request), {}, 'dead-letter', 'permanent'],
    ['dead-letters an unknown error at once', new TypeError('bug'), {}, 'dead-letter', 'permanent'],
    ['defers a 503', new WebexServerError(503, request), {}, 'defer', 'transient'],
    ['defers a timeout', new WebexTimeoutError(request, 10_000), {}, 'defer', 'transient'],
    ['defers a 429', new WebexRateLimitedError(request, 7), {}, 'defer', 'transient'],
    ['defers a 401 as configuration', new WebexAuthenticationError(401, request), {}, 'defer', 'configuration'],
    ['defers a record not started', new RecordNotStartedError('deadline', 0), {}, 'defer', 'transient'],
    [
      'dead-letters a transient failure on the last allowed receive',
      new WebexServerError(502, request),
      { receiveCount: 10 },
      'dead-letter',
      'transient',
    ],
    [
      'dead-letters a configuration failure on the last allowed receive',
      new WebexAuthenticationError(401, request),
      { receiveCount: 12 },
      'dead-letter',
      'configuration',
    ],
  ] as const)('%s', (_name, error, overrides, kind, errorClass) => {
    const action = planFailure(error, context(overrides));
    expect(action).toMatchObject({ kind, errorClass });
  });

  it('defers a configuration failure for the whole cap from the first receive, so a bad token takes hours to reach the DLQ', () => {
    const action = planFailure(new WebexAuthenticationError(401, request), context());
    expect(action).toMatchObject({ kind: 'defer', errorClass: 'configuration', seconds: 900 });
  });

  it('classifies an unreadable token secret as configuration', () => {
    const action = planFailure(new TokenUnavailableError('The Webex token secret could not be read'), context());
    expect(action).toMatchObject({ kind: 'defer', errorClass: 'configuration' });
  });

  it('defers a 429 for exactly the server Retry-After', () => {
    const action = planFailure(new WebexRateLimitedError(request, 7), context());
    expect(action).toMatchObject({ kind: 'defer', seconds: 7 });
  });

  it('keeps retrying a person who is not ready while the event is young', () => {
    const action = planFailure(
      new PersonNotReadyError('No Webex person matches the person email yet'),
      context({ occurredAtMs: NOW - 5 * 60_000 }),
    );
    expect(action).toMatchObject({ kind: 'defer', errorClass: 'transient' });
  });

  it('does not defer a not-ready person beyond the end of the window', () => {
    const action = planFailure(
      new PersonNotReadyError('not yet'),
      context({ occurredAtMs: NOW - 59 * 60_000 - 57_000, receiveCount: 6 }),
    );
    expect(action).toMatchObject({ kind: 'defer', seconds: 3 });
  });

  it('retries a person who is not ready quickly at first', () => {
    // Prepare: an event 5 minutes old, first receive: the backoff (≈8 s) beats the window's first doubling step (7 s).
    const action = planFailure(new PersonNotReadyError('not yet'), context({ occurredAtMs: NOW - 5 * 60_000 }));
    // Assess
    expect(action).toMatchObject({ kind: 'defer', seconds: 8 });
  });

  it('keeps the last receive for the end of the not-ready window', () => {
    // Prepare: 30 minutes of the window left, receive 9 of 10: one receive left.
    const action = planFailure(
      new PersonNotReadyError('not yet'),
      context({ occurredAtMs: NOW - 30 * 60_000, receiveCount: 9 }),
    );
    // Assess
    expect(action).toMatchObject({ kind: 'defer', seconds: 30 * 60 });
  });

  it('gives the not-ready verdict, not "gave up", when the last receive comes after the window', () => {
    const action = planFailure(
      new PersonNotReadyError('not yet'),
      context({ occurredAtMs: NOW - 61 * 60_000, receiveCount: 10 }),
    );
    expect(action).toMatchObject({ kind: 'dead-letter', errorClass: 'permanent' });
    expect(action.reason).toContain('person not ready after 60 minutes');
  });

  it('over a whole window, reaches the window end before the receive limit', () => {
    // Prepare: simulate the receives of a person who never appears, with the worst (longest) jitter.
    let now = NOW;
    let verdict: ReturnType<typeof planFailure> | undefined;
    for (let receive = 1; receive <= 10 && verdict?.kind !== 'dead-letter'; receive += 1) {
      verdict = planFailure(new PersonNotReadyError('not yet'), {
        ...context({ occurredAtMs: NOW, receiveCount: receive }),
        now: () => now,
        random: () => 0.999,
      });
      if (verdict.kind === 'defer') now += verdict.seconds * 1000;
    }
    // Assess
    expect(verdict?.reason).toContain('person not ready after 60 minutes');
  });

  it('dead-letters a person still not ready when the window has passed, saying so', () => {
    const action = planFailure(new PersonNotReadyError('not yet'), context({ occurredAtMs: NOW - 61 * 60_000 }));
    expect(action.kind).toBe('dead-letter');
    expect(action.errorClass).toBe('permanent');
    expect(action.reason).toContain('person not ready after 60 minutes');
  });

  it('names the receive count when it gives up', () => {
    const action = planFailure(new WebexServerError(500, request), context({ receiveCount: 10 }));
    expect(action.reason).toMatch(/^gave up on receive 10 of 10: WebexServerError/);
  });
});

describe('planFailure: a person whose lease another record holds', () => {
  // A lease lives at most one invocation plus its commit margin (60 s timeout + 5 s); a crashed holder's lease is only
  // freed by its expiry, so the waiting record must not run out of receives before that.
  const LONGEST_LEASE_SECONDS = 65;

  it('waits briefly on the first receive (the holder is usually a record of the same batch)', () => {
    const action = planFailure(new LedgerBusyError('busy', 2), context({ receiveCount: 1 }));
    expect(action).toMatchObject({ kind: 'defer', errorClass: 'transient', seconds: 2 });
  });

  it('outlasts the longest lease before the receives run out, instead of dead-lettering a good event', () => {
    // Prepare
    const maxReceiveCount = 10;
    let waited = 0;
    let receive = 1;
    // Act: the lease stays held (a crashed holder) until it expires by itself
    while (waited < LONGEST_LEASE_SECONDS) {
      const action = planFailure(new LedgerBusyError('busy', 2), context({ receiveCount: receive }));
      if (action.kind !== 'defer') break;
      waited += action.seconds;
      receive += 1;
    }
    // Assess
    expect(waited).toBeGreaterThanOrEqual(LONGEST_LEASE_SECONDS);
    expect(receive).toBeLessThan(maxReceiveCount);
  });
});

describe('settleFailure', () => {
  it('sends a permanent failure to the DLQ and reports the record done', async () => {
    // Prepare
    const ctx = context({ eventId: 'hr-1', trackingId: 'ECBNP_abc' });
    // Act
    const settled = await settleFailure(new InvalidEventError('person: id or email is required'), ctx);
    // Assess
    expect(settled).toMatchObject({ outcome: 'dead-lettered', reportAsFailed: false, errorClass: 'permanent' });
    expect(ctx.queue.deadLetter).toHaveBeenCalledWith(
      expect.objectContaining({
        errorClass: 'permanent',
        eventId: 'hr-1',
        trackingId: 'ECBNP_abc',
        failedAt: new Date(NOW),
      }),
    );
  });

  it('reports the record failed when the DLQ send fails, so it is never lost', async () => {
    const ctx = context();
    vi.mocked(ctx.queue.deadLetter).mockRejectedValueOnce(new Error('AccessDenied'));
    const settled = await settleFailure(new InvalidEventError('bad'), ctx);
    expect(settled).toMatchObject({ outcome: 'deferred', reportAsFailed: true });
    expect(settled.reason).toContain('DLQ send failed');
  });

  it('changes the visibility of a transient failure and reports it failed', async () => {
    const ctx = context();
    const settled = await settleFailure(new WebexRateLimitedError(request, 12), ctx);
    expect(settled).toMatchObject({ outcome: 'deferred', reportAsFailed: true, deferSeconds: 12 });
    expect(ctx.queue.defer).toHaveBeenCalledWith(ctx.record, 12);
  });

  it('still reports a transient failure failed when the visibility change fails', async () => {
    const ctx = context();
    vi.mocked(ctx.queue.defer).mockRejectedValueOnce(new Error('ReceiptHandleIsInvalid'));
    const settled = await settleFailure(new WebexServerError(503, request), ctx);
    expect(settled).toMatchObject({ outcome: 'deferred', reportAsFailed: true });
  });
});

describe('DLQ attribute text', () => {
  it.each([
    [
      'keeps ordinary text',
      'InvalidEventError: person.email: invalid email',
      'InvalidEventError: person.email: invalid email',
    ],
    ['replaces control characters SQS refuses', 'hr-\u0000\u0007id', 'hr-??id'],
    ['replaces a lone surrogate', 'x\uD800y', 'x?y'],
    ['keeps tabs, new lines and emoji', 'a\tb\nc 🚑', 'a\tb\nc 🚑'],
    ['never sends an empty value', '', '-'],
  ])('%s', (_name, input, expected) => {
    expect(attributeText(input)).toBe(expected);
  });
});
