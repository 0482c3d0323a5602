/**
 * Parses Webex response bodies with the zod schemas of `models.ts`, once, at the edge.
 *
 * - `lenient` (production): the strict schema first; when only the lenient one passes, the body has drifted from the
 *   documented definition (a new field or enum value: real APIs grow). The client logs
 *   `Webex response drift` once per route and issue, and carries on with the lenient result.
 * - `strict` (tests): only the strict schema; drift is an error.
 * Either way a body that fails the lenient schema is a `WebexResponseError` (permanent: retrying returns the same).
 */
import type * as z from 'zod';
import { WebexResponseError, type WebexRequestInfo } from '../errors.js';
import { LENIENT_SCHEMAS, STRICT_SCHEMAS, type SchemaMode, type WebexSchemas } from './models.js';
import type { ClientLogger } from './types.js';

/** The response schemas the client parses (every schema but the error body). */
export type ResponseSchemaName = Exclude<keyof WebexSchemas, 'errorBody'>;

/** Where a body came from, for the drift log and the error. */
export interface ResponseOrigin {
  readonly request: WebexRequestInfo;
  readonly status: number;
  /** The route with placeholders, e.g. `/telephony/config/people/{personId}/emergencyCallbackNumber`: logged instead
   * of the real path so the log holds no ids and the once-per-issue memory stays small. */
  readonly route: string;
}

/** Parses one body with the named schema; see the module comment. */
export type ResponseParser = <K extends ResponseSchemaName>(
  name: K,
  body: unknown,
  origin: ResponseOrigin,
) => z.output<WebexSchemas[K]>;

/** How many distinct drift warnings one client remembers (a warm Lambda lives for hours). */
const MAX_REMEMBERED_DRIFTS = 500;
/** Longest issue list put into an error message. */
const MAX_ISSUES_TEXT = 1_000;

/**
 * Human-readable issues, one per problem, with array indexes folded (`phoneNumbers[].state`) so a drift in 2000
 * numbers is one issue, not 2000. Zod's messages name the expected values, never the received data.
 *
 * @example
 * formatIssues(schema.safeParse({ selected: 'NEW' }).error); // ['selected: Invalid option: expected one of …']
 */
export function formatIssues(error: z.ZodError): string[] {
  const lines = error.issues.map((issue) => {
    const path = issue.path
      .map((key) => (typeof key === 'number' ? '[]' : `.${String(key)}`))
      .join('')
      .replace(/^\./, '');
    return `${path || '(root)'}: ${issue.message}`;
  });
  return [...new Set(lines)];
}

/**
 * Builds the parser of one client: it remembers which drifts it already reported.
 *
 * @example
 * const parse = createResponseParser('lenient', logger);
 * const ecbn = parse('personEcbn', json, { request, status: 200, route: '/telephony/config/people/{personId}/…' });
 */
export function createResponseParser(mode: SchemaMode, logger: ClientLogger | undefined): ResponseParser {
  const reported = new Set<string>();

  return <K extends ResponseSchemaName>(name: K, body: unknown, origin: ResponseOrigin): z.output<WebexSchemas[K]> => {
    // TypeScript cannot correlate `STRICT_SCHEMAS[K]` with `z.output<WebexSchemas[K]>` through the union of schema
    // types; both tables are built by the same `buildWebexSchemas`, so the key fixes the output type.
    type Output = z.output<WebexSchemas[K]>;
    const strict = (STRICT_SCHEMAS[name] as z.ZodType).safeParse(body);
    if (strict.success) return strict.data as Output;
    if (mode === 'strict') throw responseError(origin, formatIssues(strict.error));

    const lenient = (LENIENT_SCHEMAS[name] as z.ZodType).safeParse(body);
    if (!lenient.success) throw responseError(origin, formatIssues(lenient.error));

    const fresh = formatIssues(strict.error).filter((issue) => !reported.has(`${origin.route} ${issue}`));
    if (fresh.length > 0 && logger) {
      logger.warn('Webex response drift', { path: origin.route, issues: fresh });
    }
    for (const issue of fresh) {
      if (reported.size >= MAX_REMEMBERED_DRIFTS) break;
      reported.add(`${origin.route} ${issue}`);
    }
    return lenient.data as Output;
  };
}

function responseError(origin: ResponseOrigin, issues: readonly string[]): WebexResponseError {
  const text = issues.join('; ');
  const bounded = text.length > MAX_ISSUES_TEXT ? `${text.slice(0, MAX_ISSUES_TEXT - 1)}…` : text;
  return new WebexResponseError(origin.request, origin.status, bounded);
}
