/**
 * `POST /v1/access_token` (the OAuth token endpoint, reference §4): form-encoded, no `Authorization` header, so it is
 * answered before the bearer-token check of every other route. Only `grant_type=refresh_token` is served (the
 * authorization-code exchange happens in a browser, outside what the product calls).
 *
 * INFERRED: a body that is not `application/x-www-form-urlencoded` gets 415 (the status Webex documents as
 * "Unsupported Media Type"); other methods get 405.
 */
import { methodNotAllowed, type SimErrorAnswer } from '../errors.js';
import type { OAuthIssuer } from '../oauth.js';
import type { RouteAnswer } from './route.js';

/** The path below `/v1`. */
export const ACCESS_TOKEN_PATH = '/access_token';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * @example
 * answerAccessToken(issuer, 'POST', 'application/x-www-form-urlencoded', 'grant_type=refresh_token&…');
 */
export function answerAccessToken(
  issuer: OAuthIssuer,
  method: string,
  contentType: string | undefined,
  body: string,
): RouteAnswer {
  if (method !== 'POST') return methodNotAllowed();
  if (!(contentType ?? '').toLowerCase().startsWith(FORM_CONTENT_TYPE)) {
    return refusal(415, `The request body must be ${FORM_CONTENT_TYPE}`);
  }
  const outcome = issuer.refresh(new URLSearchParams(body));
  if ('status' in outcome) return refusal(outcome.status, outcome.message);
  return { status: 200, body: outcome, headers: { 'Cache-Control': 'no-store' } };
}

function refusal(status: number, message: string): SimErrorAnswer {
  return { status, message, errors: [{ description: message }] };
}
