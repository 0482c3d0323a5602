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
  WebexServerError,
  WebexTimeoutError,
  classifyError,
  type WebexRequestInfo,
} from '../../../lambda/errors.js';
import {
  answeredTrackingId,
  mapHttpError,
  mapTransportError,
  parseWebexErrorBody,
} from '../../../lambda/webex/error-mapping.js';
import { undiciFetchFailed } from '../../helpers/fetch-stub.js';
import { webexErrorBody } from '../../helpers/webex-bodies.js';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const sent: WebexRequestInfo = {
  method: 'PUT',
  path: '/telephony/config/people/abc/emergencyCallbackNumber',
  trackingId: 'ECBNP_0f0e_1',
};

function answer(status: number, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  return {
    status,
    headers: new Headers(options.headers ?? {}),
    bodyText: options.body === undefined ? '' : JSON.stringify(options.body),
    request: sent,
    now: NOW,
  };
}

describe('mapHttpError', () => {
  it.each([
    [400, WebexBadRequestError, ErrorClass.PERMANENT],
    [401, WebexAuthenticationError, ErrorClass.CONFIGURATION],
    [403, WebexForbiddenError, ErrorClass.CONFIGURATION],
    [404, WebexNotFoundError, ErrorClass.PERMANENT],
    [405, WebexHttpError, ErrorClass.PERMANENT],
    [408, WebexServerError, ErrorClass.TRANSIENT],
    [409, WebexHttpError, ErrorClass.PERMANENT],
    [410, WebexHttpError, ErrorClass.PERMANENT],
    [415, WebexHttpError, ErrorClass.PERMANENT],
    [423, WebexLockedError, ErrorClass.TRANSIENT],
    [428, WebexHttpError, ErrorClass.PERMANENT],
    [429, WebexRateLimitedError, ErrorClass.TRANSIENT],
    [500, WebexServerError, ErrorClass.TRANSIENT],
    [502, WebexServerError, ErrorClass.TRANSIENT],
    [503, WebexServerError, ErrorClass.TRANSIENT],
    [504, WebexServerError, ErrorClass.TRANSIENT],
    [302, WebexHttpError, ErrorClass.PERMANENT],
  ])('maps %i to %O, classified %s', (status, errorClass, classification) => {
    // Act
    const error = mapHttpError(answer(status));
    // Assess
    expect(error).toBeInstanceOf(errorClass);
    expect(error.constructor).toBe(errorClass);
    expect(error.status).toBe(status);
    expect(classifyError(error)).toBe(classification);
    expect(error).toMatchObject({ method: 'PUT', path: sent.path, trackingId: sent.trackingId });
  });

  it('reads errorCode and description of a Webex Calling 400', () => {
    // Prepare
    const body = webexErrorBody({
      description: '[Error 25008] Missing Mandatory field name: locationMemberId',
      errorCode: 25008,
      trackingId: 'ROUTERGW_abc',
    });
    // Act
    const error = mapHttpError(answer(400, { body }));
    // Assess
    expect(error).toBeInstanceOf(WebexBadRequestError);
    expect(error.errorCode).toBe(25008);
    expect(error.description).toBe('[Error 25008] Missing Mandatory field name: locationMemberId');
    expect(error.message).toContain('Webex answered 400 [25008]: [Error 25008] Missing Mandatory field');
  });

  it('takes the Webex trackingId of the body when no response header names one', () => {
    // Act
    const error = mapHttpError(answer(404, { body: webexErrorBody({ trackingId: 'ROUTERGW_from_body' }) }));
    // Assess
    expect(error.trackingId).toBe('ROUTERGW_from_body');
    expect(error.message).toContain('TrackingID ROUTERGW_from_body');
  });

  it('prefers the TrackingID response header over the body', () => {
    // Act
    const error = mapHttpError(
      answer(404, {
        body: webexErrorBody({ trackingId: 'ROUTERGW_body' }),
        headers: { Trackingid: 'ROUTERGW_header' },
      }),
    );
    // Assess
    expect(error.trackingId).toBe('ROUTERGW_header');
  });

  it.each([
    [429, { 'Retry-After': '4' }, 4],
    [429, { 'Retry-After': new Date(NOW + 30_000).toUTCString() }, 30],
    [429, {}, undefined],
    [423, { 'Retry-After': '2' }, 2],
    [503, { 'Retry-After': '1' }, 1],
    [500, {}, undefined],
  ])('keeps Retry-After of a %i as retryAfterSeconds', (status, headers, seconds) => {
    // Act
    const error = mapHttpError(answer(status, { headers }));
    // Assess
    expect((error as WebexRateLimitedError).retryAfterSeconds).toBe(seconds);
  });

  it('survives a body that is not JSON', () => {
    // Act
    const error = mapHttpError({ ...answer(502), bodyText: '<html>Bad Gateway</html>' });
    // Assess
    expect(error).toBeInstanceOf(WebexServerError);
    expect(error.description).toBeUndefined();
  });
});

describe('parseWebexErrorBody', () => {
  it.each([
    [
      'a Calling body with errorCode in errors[]',
      { message: 'm', errors: [{ description: '[Error 4003] User not found', errorCode: 4003 }], trackingId: 't' },
      { errorCode: 4003, description: '[Error 4003] User not found', trackingId: 't' },
    ],
    [
      'a code only in the description text',
      { message: 'm', errors: [{ description: '[Error 27967] User is configured as the ECBN user' }] },
      { errorCode: 27967, description: '[Error 27967] User is configured as the ECBN user' },
    ],
    [
      'a top-level errorCode',
      { message: 'Invalid selected', errorCode: 25008, errors: [] },
      { errorCode: 25008, description: 'Invalid selected' },
    ],
    [
      'a 403 body without errors[]',
      { message: 'The server understood the request, but refused to fulfill it', trackingId: 'ROUTERGW_x' },
      { description: 'The server understood the request, but refused to fulfill it', trackingId: 'ROUTERGW_x' },
    ],
    ['an empty object', {}, {}],
    ['an array', [1, 2], {}],
  ])('reads %s', (_case, body, expected) => {
    expect(parseWebexErrorBody(JSON.stringify(body))).toEqual(expected);
  });

  it('redacts the token if Webex echoes it', () => {
    // Act
    const detail = parseWebexErrorBody(
      JSON.stringify({ message: 'bad token s3cr3t-token-value' }),
      's3cr3t-token-value',
    );
    // Assess
    expect(detail.description).toBe('bad token [REDACTED]');
  });

  it('bounds a very long description', () => {
    // Act
    const detail = parseWebexErrorBody(JSON.stringify({ message: 'x'.repeat(5_000) }));
    // Assess
    expect(detail.description).toHaveLength(500);
  });
});

describe('answeredTrackingId', () => {
  it.each([
    ['the TrackingID header', new Headers({ TrackingID: 'H' }), 'B', 'H'],
    ['the lower-case trackingid header', new Headers({ trackingid: 'h' }), undefined, 'h'],
    ['the body trackingId', new Headers(), 'B', 'B'],
    ['ours', new Headers(), undefined, 'ECBNP_0f0e_1'],
  ])('uses %s', (_case, headers, bodyId, expected) => {
    expect(answeredTrackingId(headers, bodyId, 'ECBNP_0f0e_1')).toBe(expected);
  });
});

describe('mapTransportError', () => {
  it('maps a connection failure to a transient WebexNetworkError with the socket error as cause', () => {
    // Act
    const error = mapTransportError({
      error: undiciFetchFailed('ECONNRESET'),
      request: sent,
      timedOut: false,
      timeoutMs: 10_000,
    });
    // Assess
    expect(error).toBeInstanceOf(WebexNetworkError);
    expect(classifyError(error)).toBe(ErrorClass.TRANSIENT);
    expect(error.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect((error.cause as Error).cause).toMatchObject({ message: 'read ECONNRESET', code: 'ECONNRESET' });
  });

  it('maps our own abort to a transient WebexTimeoutError', () => {
    // Act
    const error = mapTransportError({
      error: new DOMException('This operation was aborted', 'AbortError'),
      request: sent,
      timedOut: true,
      timeoutMs: 2_500,
    });
    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
    expect(classifyError(error)).toBe(ErrorClass.TRANSIENT);
    expect(error.message).toContain('No answer from Webex within 2500 ms');
  });
});
