/**
 * The event-source filter: which SQS records Lambda may delete without invoking the function.
 *
 * A record that matches NO filter is deleted from the queue by Lambda, silently: it never reaches the function and
 * never reaches the dead-letter queue. The product promises that nothing is lost (an invalid event is dead-lettered
 * with its reason), so the filters may only drop what the handler itself would acknowledge as *skipped*: a bare JSON
 * event whose top-level `eventType` is a string that, folded (trimmed, A–Z lower-cased: `lambda/events/event-type.ts`),
 * is not an accepted type nor `ecbn.reconcile`. Everything else passes:
 *
 * 1. a top-level `eventType` string that could be accepted once folded: it starts with any A–Z case variant of the
 *    first characters of an accepted type (`user.c`, `USER.C`, `uSeR.c`, …: Lambda has no `equals-ignore-case`, so
 *    the variants are spelt out, as many leading characters as fit in one pattern), or with whitespace, or is empty
 *    (an empty or blank `eventType` is invalid: the function must see it to dead-letter it);
 * 2. a JSON body without a top-level `eventType` leaf: SNS, EventBridge and CloudEvents envelopes (none has a
 *    top-level `eventType`), malformed events, and an `eventType` that is an object (`exists` matches leaves only);
 * 3. a top-level `eventType` that is not a string (null, true, false, a number): invalid, so the function must see it;
 * 4. a body that is not JSON at all (a "plain string" to Lambda): invalid, so the function must see it.
 *
 * A prefix lets through more than the function acts on (`user.created.v2`, `USER.CREATEDX`): the function skips those
 * itself, counted in `RecordsSkipped`. What the filter drops is counted by Lambda as `FilteredOutEventCount`; both
 * feed the "skipped or filtered events" alarm, so a producer that renames its events cannot silently stop provisioning.
 *
 * Lambda's operators for SQS are a subset of EventBridge's: prefix, exists, anything-but, numeric and exact values work;
 * `suffix`, `equals-ignore-case`, `wildcard` and `$or` do not — hence prefixes, never suffixes, for whitespace.
 * Lambda compares the body's format with the pattern's format for `body`: a JSON pattern (an object) never matches a
 * plain-string body and a plain-string pattern (a list) never matches a JSON body ("If there is a mismatch, Lambda
 * drops the message"), so (4) needs its own filter. Filters are ORed; the default quota is 5 per event source.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html
 */

import { RECONCILE_EVENT_TYPE, foldAsciiCase, foldEventType } from '../lambda/events/event-type.js';

/** Lambda's default quota of filters per event source mapping (a quota increase allows 10). */
export const MAX_FILTERS_PER_EVENT_SOURCE = 5;

/** Lambda's limit on one filter pattern, as JSON text. */
export const MAX_FILTER_PATTERN_LENGTH = 4096;

/** One Lambda event filter pattern, as CDK's `filters` option takes it (CDK serializes it to `Pattern`). */
export type FilterPattern = Readonly<Record<string, unknown>>;

/**
 * Every character `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator: 25 of them, all in the
 * BMP), derived from the runtime rather than typed in, so it is exactly what the handler's trim removes.
 */
export const TRIMMED_CHARACTERS: readonly string[] = Object.freeze(
  Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter((char) => char.trim() === ''),
);

/** Every A–Z case variant of `text` (other characters as they are), e.g. `u.` → `u.`, `U.`. */
export function caseVariants(text: string): string[] {
  let variants = [''];
  for (const char of text) {
    const options = /[A-Za-z]/.test(char) ? [foldAsciiCase(char), char.toUpperCase()] : [char];
    variants = variants.flatMap((head) => options.map((option) => head + option));
  }
  return variants;
}

/** Filter 1 for prefixes of `length` characters: every case variant of each type's prefix, whitespace, empty. */
function couldBeAcceptedFilter(types: readonly string[], length: number): FilterPattern {
  const prefixes = [...new Set(types.flatMap((type) => caseVariants(type.slice(0, length))))];
  return {
    body: {
      eventType: [
        ...prefixes.map((prefix) => ({ prefix })),
        ...TRIMMED_CHARACTERS.map((char) => ({ prefix: char })),
        '',
      ],
    },
  };
}

/**
 * Builds the ORed filter patterns that let through everything except bare events of a type that is not accepted
 * (case and surrounding whitespace ignored). `ecbn.reconcile` always passes (contract with the audit's `--fix`).
 * Throws when the result would break a Lambda limit (so `cdk synth` fails, rather than the deployment).
 *
 * @example
 * const filters = sourceQueueFilters(['user.created', 'user.updated']);
 * fn.addEventSourceMapping('Source', { eventSourceArn: queue.queueArn, filters });
 */
export function sourceQueueFilters(acceptedEventTypes: readonly string[]): FilterPattern[] {
  const trimmed = acceptedEventTypes.map((type) => type.trim());
  if (trimmed.length === 0 || trimmed.includes('')) {
    throw new Error('sourceQueueFilters: accepted event types must be non-empty strings (at least one)');
  }
  const types = [...new Set([...trimmed, RECONCILE_EVENT_TYPE].map(foldEventType))];
  // The longest prefix whose case variants still fit in one pattern (a longer prefix drops more unwanted types).
  const longest = Math.max(...types.map((type) => type.length));
  let first = couldBeAcceptedFilter(types, 1);
  for (let length = 2; length <= longest; length += 1) {
    const candidate = couldBeAcceptedFilter(types, length);
    if (JSON.stringify(candidate).length > MAX_FILTER_PATTERN_LENGTH) break;
    first = candidate;
  }
  const filters: FilterPattern[] = [
    // 1. Could equal an accepted type once folded.
    first,
    // 2. No top-level `eventType` leaf.
    { body: { eventType: [{ exists: false }] } },
    // 3. A non-string `eventType` leaf.
    { body: { eventType: [null, true, false, { numeric: ['<', 0] }, { numeric: ['>=', 0] }] } },
    // 4. Not JSON: a plain-string pattern. SQS bodies are never empty, so this matches every plain-string body.
    { body: [{ 'anything-but': [''] }] },
  ];
  if (filters.length > MAX_FILTERS_PER_EVENT_SOURCE) {
    throw new Error(
      `sourceQueueFilters: ${filters.length} filters exceed Lambda's quota of ${MAX_FILTERS_PER_EVENT_SOURCE}`,
    );
  }
  for (const filter of filters) {
    const length = JSON.stringify(filter).length;
    if (length > MAX_FILTER_PATTERN_LENGTH) {
      throw new Error(
        `sourceQueueFilters: a filter pattern of ${length} characters exceeds Lambda's limit of ` +
          `${MAX_FILTER_PATTERN_LENGTH}; accept event types with fewer distinct first characters or set filterAtSource=false`,
      );
    }
  }
  return filters;
}
