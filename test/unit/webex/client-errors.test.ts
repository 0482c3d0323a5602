import { describe, expect, it } from 'vitest';
import {
  ErrorClass,
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexForbiddenError,
  WebexHttpError,
  WebexLockedError,
  WebexNetworkError,
  WebexNotFoundError,
  WebexRateLimitedError,
  WebexResponseError,
  WebexServerError,
  WebexTimeoutError,
  classifyError,
} from '../../../lambda/errors.js';
import { failNetwork, hangUntilAborted, respondError, respondText, type StubStep } from '../../helpers/fetch-stub.js';
import { PERSON_ID, webexErrorBody } from '../../helpers/webex-bodies.js';
import { createTestClient } from '../../helpers/webex-client-harness.js';

const ECBN_PATH = `/telephony/config/people/${PERSON_ID}/emergencyCallbackNumber`;

/** Fails the same way on every attempt, so retries (if any) end with the same error. */
function always(step: StubStep, times = 3): StubStep[] {
  return Array.from({ length: times }, () => step);
}

describe('Webex client errors', () => {
  it.each([
    ['400', respondError(400, webexErrorBody()), WebexBadRequestError, ErrorClass.PERMANENT, 1],
    [
      '401',
      respondError(
        401,
        webexErrorBody({
          message: 'The request requires a valid access token set in the Authorization request header.',
        }),
      ),
      WebexAuthenticationError,
      ErrorClass.CONFIGURATION,
      1,
    ],
    [
      '403',
      respondError(403, { message: 'missing required scopes', trackingId: 'ROUTERGW_1' }),
      WebexForbiddenError,
      ErrorClass.CONFIGURATION,
      1,
    ],
    [
      '404',
      respondError(404, webexErrorBody({ description: 'The requested resource could not be found.' })),
      WebexNotFoundError,
      ErrorClass.PERMANENT,
      1,
    ],
    ['409', respondError(409, webexErrorBody()), WebexHttpError, ErrorClass.PERMANENT, 1],
    ['423', respondError(423), WebexLockedError, ErrorClass.TRANSIENT, 3],
    ['429', respondError(429), WebexRateLimitedError, ErrorClass.TRANSIENT, 3],
    ['500', respondError(500), WebexServerError, ErrorClass.TRANSIENT, 3],
    ['502 (HTML page)', respondText(502, '<html>Bad Gateway</html>'), WebexServerError, ErrorClass.TRANSIENT, 3],
    ['503', respondError(503), WebexServerError, ErrorClass.TRANSIENT, 3],
    ['504', respondError(504), WebexServerError, ErrorClass.TRANSIENT, 3],
    ['408', respondError(408), WebexServerError, ErrorClass.TRANSIENT, 3],
    ['a connection reset', failNetwork(), WebexNetworkError, ErrorClass.TRANSIENT, 3],
  ])('turns a %s into %O (%s) after %i attempt(s)', async (_case, step, errorClass, classification, attempts) => {
    // Prepare
    const { client, stub } = createTestClient(always(step));
    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(errorClass);
    expect(classifyError(error)).toBe(classification);
    expect(error).toMatchObject({ method: 'GET', path: ECBN_PATH });
    expect(stub.requests).toHaveLength(attempts);
  });

  it.each([
    [400, WebexBadRequestError],
    [401, WebexAuthenticationError],
    [403, WebexForbiddenError],
    [404, WebexNotFoundError],
  ])('never retries a %i, not even a PUT', async (status, errorClass) => {
    // Prepare
    const { client, stub, clock } = createTestClient(always(respondError(status, webexErrorBody())));
    // Act
    const result = client.updatePersonEcbn(PERSON_ID, { selected: 'LOCATION_ECBN' });
    // Assess
    await expect(result).rejects.toBeInstanceOf(errorClass);
    expect(stub.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('carries errorCode and description of a refused PUT', async () => {
    // Prepare
    const { client } = createTestClient([
      respondError(
        400,
        webexErrorBody({
          description: '[Error 25008] Missing Mandatory field name: locationMemberId',
          errorCode: 25008,
        }),
      ),
    ]);
    // Act
    const error: unknown = await client
      .updatePersonEcbn(PERSON_ID, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: 'x' })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexBadRequestError);
    expect(error).toMatchObject({
      status: 400,
      method: 'PUT',
      path: ECBN_PATH,
      errorCode: 25008,
      description: '[Error 25008] Missing Mandatory field name: locationMemberId',
    });
  });

  it('names our TrackingID when Webex answers none', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondError(404)]);
    // Act
    const error = (await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught)) as WebexNotFoundError;
    // Assess
    expect(error.trackingId).toBe(stub.requests[0]?.headers.trackingid);
    expect(error.message).toContain(`TrackingID ${error.trackingId}`);
  });

  it('names the TrackingID Webex answered with', async () => {
    // Prepare
    const { client } = createTestClient([respondError(404, webexErrorBody(), { TrackingID: 'ROUTERGW_header' })]);
    // Act
    const error = (await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught)) as WebexNotFoundError;
    // Assess
    expect(error.trackingId).toBe('ROUTERGW_header');
  });

  it('keeps the query string (an email address) out of the error', async () => {
    // Prepare
    const { client } = createTestClient([respondError(400, webexErrorBody())]);
    // Act
    const error = (await client
      .findPersonByEmail('ada.lovelace@example.com')
      .catch((caught: unknown) => caught)) as WebexBadRequestError;
    // Assess
    expect(error.path).toBe('/people');
    expect(JSON.stringify(error)).not.toContain('lovelace');
    expect(error.message).not.toContain('lovelace');
  });

  it('turns a 2xx body that is not JSON into a permanent WebexResponseError', async () => {
    // Prepare
    const { client, stub } = createTestClient(always(respondText(200, '<html>maintenance</html>')));
    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexResponseError);
    expect(classifyError(error)).toBe(ErrorClass.PERMANENT);
    expect(stub.requests).toHaveLength(1);
  });

  it('turns a hanging request into a WebexTimeoutError after the per-attempt timeout', async () => {
    // Prepare: a real (tiny) timer: the fetch never answers until the client aborts it.
    const { client, stub } = createTestClient([hangUntilAborted()], { timeoutMs: 5, retry: { limit: 0 } });
    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
    expect(classifyError(error)).toBe(ErrorClass.TRANSIENT);
    expect((error as Error).message).toContain('No answer from Webex within 5 ms');
    expect(stub.requests[0]?.signal?.aborted).toBe(true);
  });

  it('clips the per-attempt timeout to the caller deadline', async () => {
    // Prepare
    const { client, clock } = createTestClient([hangUntilAborted()], { timeoutMs: 10_000 });
    // Act
    const error: unknown = await client
      .getPersonEcbn(PERSON_ID, { deadline: clock.now() + 3 })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
    expect((error as Error).message).toContain('within 3 ms');
  });

  it('does not start a request when the deadline has passed', async () => {
    // Prepare
    const { client, stub, clock } = createTestClient([respondError(500)]);
    // Act
    const error: unknown = await client
      .getPersonEcbn(PERSON_ID, { deadline: clock.now() })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
    expect(classifyError(error)).toBe(ErrorClass.TRANSIENT);
    expect(stub.requests).toHaveLength(0);
  });

  it('lets a token provider failure through unchanged and sends nothing', async () => {
    // Prepare
    const failure = new Error('Secrets Manager unavailable');
    const { client, stub } = createTestClient([respondError(500)], {
      getToken: () => Promise.reject(failure),
    });
    // Act
    const result = client.getPersonEcbn(PERSON_ID);
    // Assess
    await expect(result).rejects.toBe(failure);
    expect(stub.requests).toHaveLength(0);
  });
});
