/**
 * Webex-style error answers. Shapes (docs/webex-simulator.md, "Documented and inferred"):
 * - generic, 401 included: `{message, errors:[{description}], trackingId}` (real 401/404/400 bodies seen in public
 *   scripts and SDK tests);
 * - 403: `{message, trackingId}` (INFERRED: no `errors`);
 * - Webex Calling (`/telephony/config/...`): descriptions carry a numeric code, `"[Error 25008] Missing Mandatory field
 *   name: locationMemberId"`, also given as `errors[].errorCode` (wxc_sdk `ErrorDetail`).
 * Only code 25008 and its text format are documented; every other code below is our inference (marked INFERRED).
 */

/** An error answer before the tracking id is attached. */
export interface SimErrorAnswer {
  readonly status: number;
  readonly message: string;
  /** Omitted for 403, as Webex does. */
  readonly errors?: readonly { readonly description: string; readonly errorCode?: number }[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** The JSON body of an error answer. */
export interface WebexErrorBodyView {
  message: string;
  errors?: { description: string; errorCode?: number }[];
  trackingId: string;
}

/** Builds the body sent for an error answer. */
export function errorBody(answer: SimErrorAnswer, trackingId: string): WebexErrorBodyView {
  return {
    message: answer.message,
    ...(answer.errors ? { errors: answer.errors.map((e) => ({ ...e })) } : {}),
    trackingId,
  };
}

function generic(status: number, message: string): SimErrorAnswer {
  return { status, message, errors: [{ description: message }] };
}

/** A Webex Calling error: `[Error <code>] <text>` as message and description, plus `errorCode`. */
export function callingError(status: number, code: number, text: string): SimErrorAnswer {
  const description = `[Error ${code}] ${text}`;
  return { status, message: description, errors: [{ description, errorCode: code }] };
}

/** A missing, unknown, expired or revoked token; `errors[].description` as in Webex's `Error` body. */
export const unauthorized = (): SimErrorAnswer =>
  generic(401, 'The request requires a valid access token set in the Authorization request header.');

/** Documented real-world text for a token without the scope (or a user without the role). */
export const forbidden = (): SimErrorAnswer => ({
  status: 403,
  message:
    'The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.',
});

export const notFound = (): SimErrorAnswer => generic(404, 'The requested resource could not be found.');

export const malformed = (): SimErrorAnswer =>
  generic(400, 'The request could not be understood by the server due to malformed syntax.');

export const methodNotAllowed = (): SimErrorAnswer =>
  generic(405, 'The request was made to a resource using an HTTP request method that is not supported.');

export const tooManyRequests = (retryAfterSeconds: number): SimErrorAnswer => ({
  ...generic(429, 'Too many requests have been sent in a given amount of time and the request has been rate limited.'),
  headers: { 'Retry-After': String(retryAfterSeconds) },
});

export const locked = (retryAfterSeconds: number): SimErrorAnswer => ({
  ...generic(423, 'The requested resource is temporarily unavailable.'),
  headers: { 'Retry-After': String(retryAfterSeconds) },
});

/** Texts of the injected 5xx faults (the spec's descriptions). */
export const serverError = (status: 500 | 502 | 503 | 504): SimErrorAnswer =>
  generic(
    status,
    {
      500: 'Something went wrong on the server.',
      502: 'The server received an invalid response from an upstream server while processing the request.',
      503: 'Server is overloaded with requests. Try again later.',
      504: 'An upstream server failed to respond on time.',
    }[status],
  );

/** Webex Calling codes the simulator answers with. */
export const CALLING_ERROR = {
  /** Documented format and code (spec, Move Users op). */
  missingField: (field: string) => callingError(400, 25008, `Missing Mandatory field name: ${field}`),
  /** INFERRED code: a value outside the field's enum or of the wrong type. */
  invalidField: (field: string) => callingError(400, 25009, `Invalid field value: ${field}`),
  /** INFERRED code: the member is not an available ECBN number in the person's location. */
  memberNotAvailable: (memberId: string) =>
    callingError(
      400,
      25010,
      `Invalid locationMemberId ${memberId}: not a member with a number in the person's location`,
    ),
  /** Code documented (4003 user not found, spec Move Users op); 404 status for the telephony endpoints. */
  userNotFound: () => callingError(404, 4003, 'User not found'),
  /** INFERRED code. */
  locationNotFound: () => callingError(404, 4125, 'Location not found'),
} as const;
