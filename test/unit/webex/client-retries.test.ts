import { describe, expect, it } from 'vitest';
import { WebexRateLimitedError, WebexServerError, WebexTimeoutError } from '../../../lambda/errors.js';
import {
  failNetwork,
  hangUntilAborted,
  respondEmpty,
  respondError,
  respondJson,
  type StubStep,
} from '../../helpers/fetch-stub.js';
import { PERSON_ID, personEcbnBody } from '../../helpers/webex-bodies.js';
import { CLOCK_START, createTestClient } from '../../helpers/webex-client-harness.js';

const ok = (): StubStep => respondJson(personEcbnBody());

describe('Webex client retries', () => {
  it('honours Retry-After of a 429 when it fits before the deadline', async () => {
    // Prepare
    const { client, stub, clock } = createTestClient([respondError(429, undefined, { 'Retry-After': '2' }), ok()]);
    // Act
    const ecbn = await client.getPersonEcbn(PERSON_ID, { deadline: clock.now() + 2_001 });
    // Assess
    expect(ecbn.selected).toBe('LOCATION_ECBN');
    expect(clock.sleeps).toEqual([2_000]);
    expect(stub.requests).toHaveLength(2);
  });

  it('honours an HTTP-date Retry-After of a 423', async () => {
    // Prepare
    const { client, clock } = createTestClient([
      respondError(423, undefined, { 'Retry-After': new Date(CLOCK_START + 3_000).toUTCString() }),
      respondEmpty(204),
    ]);
    // Act
    await client.updatePersonEcbn(PERSON_ID, { selected: 'DIRECT_LINE' }, { deadline: clock.now() + 60_000 });
    // Assess
    expect(clock.sleeps).toEqual([3_000]);
  });

  it('does not wait for a Retry-After that ends after the deadline: the error goes back with retryAfterSeconds', async () => {
    // Prepare
    const { client, stub, clock } = createTestClient([respondError(429, undefined, { 'Retry-After': '3' }), ok()]);
    // Act
    const error: unknown = await client
      .getPersonEcbn(PERSON_ID, { deadline: clock.now() + 2_500 })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexRateLimitedError);
    expect((error as WebexRateLimitedError).retryAfterSeconds).toBe(3);
    expect(clock.sleeps).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it('does not wait for a Retry-After longer than maxDelayMs, even without a deadline', async () => {
    // Prepare
    const { client, stub, clock } = createTestClient([respondError(429, undefined, { 'Retry-After': '30' }), ok()]);
    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexRateLimitedError);
    expect((error as WebexRateLimitedError).retryAfterSeconds).toBe(30);
    expect(clock.sleeps).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it('raises maxDelayMs on request, then waits the longer Retry-After', async () => {
    // Prepare
    const { client, clock } = createTestClient([respondError(429, undefined, { 'Retry-After': '30' }), ok()], {
      retry: { maxDelayMs: 60_000 },
    });
    // Act
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('backs off with full jitter between the attempts of a failing server, within the ceilings', async () => {
    // Prepare
    const randoms = [0.999, 0.999];
    const { client, stub, clock } = createTestClient([respondError(503), respondError(502), respondError(500)], {
      random: () => randoms.shift() ?? 0,
    });
    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexServerError);
    expect((error as WebexServerError).status).toBe(500);
    expect(stub.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([299, 599]);
  });

  it('draws each backoff from random(): a low draw waits little', async () => {
    // Prepare
    const { client, clock } = createTestClient([respondError(503), respondError(503), ok()], { random: () => 0.1 });
    // Act
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(clock.sleeps).toEqual([30, 60]);
  });

  it.each([
    ['a network failure', failNetwork(), undefined],
    ['a 423 without Retry-After', respondError(423), 423],
    ['a 429 without Retry-After', respondError(429), 429],
  ])('retries %s and succeeds', async (_case, failure, firstStatus) => {
    // Prepare
    const { client, stub, attempts, onAttempt } = createTestClient([failure, ok()]);
    // Act
    const ecbn = await client.getPersonEcbn(PERSON_ID, { onAttempt });
    // Assess
    expect(ecbn.selected).toBe('LOCATION_ECBN');
    expect(stub.requests).toHaveLength(2);
    expect(attempts.map((attempt) => attempt.status)).toEqual([firstStatus, 200]);
  });

  it('retries a timed-out attempt', async () => {
    // Prepare
    const { client, stub } = createTestClient([hangUntilAborted(), ok()], { timeoutMs: 5 });
    // Act
    const ecbn = await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(ecbn.selected).toBe('LOCATION_ECBN');
    expect(stub.requests).toHaveLength(2);
  });

  it('retries a PUT (idempotent) and sends the same body again', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondError(503), respondEmpty(204)]);
    // Act
    await client.updatePersonEcbn(PERSON_ID, { selected: 'LOCATION_ECBN' });
    // Assess
    expect(stub.requests.map((request) => request.body)).toEqual([
      '{"selected":"LOCATION_ECBN"}',
      '{"selected":"LOCATION_ECBN"}',
    ]);
  });

  it('stops after the retry limit (default 2 retries, 3 attempts)', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondError(503), respondError(503), respondError(503), ok()]);
    // Act
    const result = client.getPersonEcbn(PERSON_ID);
    // Assess
    await expect(result).rejects.toBeInstanceOf(WebexServerError);
    expect(stub.requests).toHaveLength(3);
    expect(stub.pending).toBe(1);
  });

  it('does not retry at all with limit 0', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondError(503), ok()], { retry: { limit: 0 } });
    // Act
    const result = client.getPersonEcbn(PERSON_ID);
    // Assess
    await expect(result).rejects.toBeInstanceOf(WebexServerError);
    expect(stub.requests).toHaveLength(1);
  });

  it('skips a backoff that would end after the deadline and returns the last error', async () => {
    // Prepare: first backoff is 150 ms (random 0.5), second 300 ms; the deadline allows only the first.
    const { client, stub, clock } = createTestClient([respondError(503), respondError(504), ok()]);
    // Act
    const error: unknown = await client
      .getPersonEcbn(PERSON_ID, { deadline: clock.now() + 400 })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexServerError);
    expect((error as WebexServerError).status).toBe(504);
    expect(clock.sleeps).toEqual([150]);
    expect(stub.requests).toHaveLength(2);
  });

  it('never starts an attempt after the deadline, whatever the attempt took', async () => {
    // Prepare: the first attempt "takes" 1 s on the fake clock, past the deadline.
    const { client, stub, clock } = createTestClient([]);
    stub.enqueue(async () => {
      clock.advance(1_000);
      return new Response(null, { status: 503 });
    }, ok());
    // Act
    const error: unknown = await client
      .getPersonEcbn(PERSON_ID, { deadline: clock.now() + 500 })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexServerError);
    expect(stub.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('reports each retry to the debug log with its wait', async () => {
    // Prepare
    const { client, logger } = createTestClient([respondError(429, undefined, { 'Retry-After': '1' }), ok()]);
    // Act
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(logger.debug).toHaveBeenCalledWith(
      'Webex request retried',
      expect.objectContaining({
        status: 429,
        error: 'WebexRateLimitedError',
        attempt: 1,
        delayMs: 1_000,
        basis: 'retry-after',
      }),
    );
  });

  it('returns the timeout, without retrying, when the deadline cut the attempt short', async () => {
    // Prepare: the attempt is aborted after 4 real ms (deadline-clipped); onAttempt moves the fake clock to match.
    const { client, stub, clock } = createTestClient([hangUntilAborted(), ok()], { timeoutMs: 10_000 });
    // Act
    const error: unknown = await client
      .getPersonEcbn(PERSON_ID, { deadline: clock.now() + 4, onAttempt: () => clock.advance(4) })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
    expect(stub.requests).toHaveLength(1);
  });
});
