import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../lambda/errors.js';
import { redactSecret, sanitizeCause } from '../../../lambda/webex/redaction.js';
import {
  failNetwork,
  hangUntilAborted,
  respondError,
  respondJson,
  respondText,
  type StubStep,
} from '../../helpers/fetch-stub.js';
import { PERSON_ID, personEcbnBody, webexErrorBody } from '../../helpers/webex-bodies.js';
import { CANARY_TOKEN, createTestClient } from '../../helpers/webex-client-harness.js';

/** Every way an error can be turned into text by a logger, a DLQ attribute or a test report. */
function renderings(error: unknown): string[] {
  const texts = [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    describeError(error, 10_000),
  ];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth += 1) {
    texts.push(current.message, current.stack ?? '', JSON.stringify(Object.entries(current)));
    current = current.cause;
  }
  return texts;
}

/** A fetch failure that drags the whole request (with its Authorization header) along, as some wrappers do. */
function leakyNetworkFailure(): StepAndError {
  const error = Object.assign(new TypeError(`fetch failed for token ${CANARY_TOKEN}`), {
    request: { headers: { authorization: `Bearer ${CANARY_TOKEN}` } },
    cause: Object.assign(new Error(`socket closed; Authorization: Bearer ${CANARY_TOKEN}`), {
      code: 'ECONNRESET',
      headers: { Authorization: `Bearer ${CANARY_TOKEN}` },
    }),
  });
  return [failNetwork(error), 'a fetch rejection that carries the request headers'];
}
type StepAndError = [StubStep, string];

const failures: StepAndError[] = [
  [respondError(400, webexErrorBody({ description: `Invalid token ${CANARY_TOKEN}` })), 'a 400 echoing the token'],
  [respondError(401, { message: `Bearer ${CANARY_TOKEN} is expired`, trackingId: 'ROUTERGW_1' }), 'a 401 echoing it'],
  [respondError(403, webexErrorBody()), 'a 403'],
  [respondError(404, webexErrorBody()), 'a 404'],
  [respondError(423, undefined, { 'Retry-After': '60' }), 'a 423'],
  [respondError(429, undefined, { 'Retry-After': '60' }), 'a 429'],
  [respondText(500, `upstream said: Authorization: Bearer ${CANARY_TOKEN}`), 'a 500 with a text body'],
  [respondText(200, 'not json'), 'a 200 that is not JSON'],
  [respondJson({ selected: 7 }), 'a 200 that fails the schema'],
  [failNetwork(), 'a connection reset'],
  leakyNetworkFailure(),
  [hangUntilAborted(), 'a timeout'],
];

describe('Webex client token redaction', () => {
  it.each(failures.map(([step, name]) => [name, step] as const))(
    'keeps the token out of the error of %s',
    async (_case, step) => {
      // Prepare
      const { client } = createTestClient([step, step, step], { timeoutMs: 5, retry: { limit: 0 } });
      // Act
      const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
      // Assess
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) expect(text).not.toContain(CANARY_TOKEN);
    },
  );

  it('keeps the token out of every log line and attempt report', async () => {
    // Prepare: drift (warn), retries (debug), failures.
    const drifted = { ...personEcbnBody(), brandNewField: true };
    const { client, logger, attempts, onAttempt } = createTestClient(
      [respondError(503), failNetwork(), respondJson(drifted)],
      { schemaMode: 'lenient' },
    );
    // Act
    await client.getPersonEcbn(PERSON_ID, { onAttempt });
    // Assess
    expect(logger.warn).toHaveBeenCalled();
    expect(logger.debug).toHaveBeenCalledTimes(2);
    const logged = JSON.stringify([logger.warn.mock.calls, logger.debug.mock.calls, attempts]);
    expect(logged).not.toContain(CANARY_TOKEN);
  });

  it('keeps a redacted network cause useful: name, message and code survive', async () => {
    // Prepare
    const [step] = leakyNetworkFailure();
    const { client } = createTestClient([step], { retry: { limit: 0 } });
    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    // Assess
    const cause = (error as Error).cause as Error & { request?: unknown; cause?: Error & { code?: string } };
    expect(cause.name).toBe('TypeError');
    expect(cause.message).toBe('fetch failed for token [REDACTED]');
    expect(cause.request).toBeUndefined();
    expect(cause.cause?.code).toBe('ECONNRESET');
    expect(cause.cause?.message).toBe('socket closed; Authorization: Bearer [REDACTED]');
  });
});

describe('redactSecret', () => {
  it.each([
    ['the secret anywhere', 'a s3cr3t-value b', 's3cr3t-value', 'a [REDACTED] b'],
    ['any bearer credential', 'Authorization: Bearer other.token', 's3cr3t-value', 'Authorization: Bearer [REDACTED]'],
    ['nothing else', 'fetch failed', 's3cr3t-value', 'fetch failed'],
    ['without a known secret', 'Bearer abc', undefined, 'Bearer [REDACTED]'],
  ])('removes %s', (_case, text, secret, expected) => {
    expect(redactSecret(text, secret)).toBe(expected);
  });
});

describe('sanitizeCause', () => {
  it('copies only name, message, code and cause', () => {
    // Prepare
    const original = Object.assign(new TypeError('fetch failed'), { request: { headers: {} }, response: {} });
    // Act
    const copy = sanitizeCause(original, 'secret');
    // Assess
    expect(copy).toBeInstanceOf(Error);
    expect(Object.keys(copy)).toEqual([]);
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe('fetch failed');
  });

  it('describes a thrown non-error without its contents', () => {
    expect(sanitizeCause({ authorization: 'x' }, 'x').message).toBe('Non-error thrown');
  });
});
