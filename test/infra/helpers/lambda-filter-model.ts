/**
 * A model of how Lambda applies event-source filters to SQS records: only the operators our filters use, with AWS's
 * documented semantics. It lets tests check the filters against the handler's own parser; it is not AWS.
 *
 * Documented (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 * - filters are ORed; a record matching none is deleted without invoking the function;
 * - fields in one pattern are ANDed; the values listed for one field are ORed;
 * - a JSON pattern for `body` never matches a plain-string body and vice versa ("Lambda drops the message");
 * - `exists` works on leaf nodes only; strings match character by character (no normalization).
 *
 * Assumed (EventBridge semantics, not spelled out by Lambda): a field holding an array matches when any element
 * matches; an empty array has no leaf; a JSON body that is not an object (`42`, `"text"`) has no fields.
 */
import type { FilterPattern } from '../../../infra/event-filter.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The leaf values of a field: a scalar, or the scalars of an array. Objects are not leaves. */
function leavesOf(field: unknown): unknown[] {
  if (field === undefined || isObject(field)) return [];
  if (Array.isArray(field)) return field.filter((item) => !isObject(item) && !Array.isArray(item));
  return [field];
}

function numericMatches(value: unknown, conditions: readonly unknown[]): boolean {
  if (typeof value !== 'number') return false;
  for (let index = 0; index < conditions.length; index += 2) {
    const operator = conditions[index];
    const bound = conditions[index + 1] as number;
    const ok =
      operator === '<'
        ? value < bound
        : operator === '<='
          ? value <= bound
          : operator === '>'
            ? value > bound
            : operator === '>='
              ? value >= bound
              : operator === '='
                ? value === bound
                : undefined;
    if (ok === undefined) throw new Error(`numeric operator ${String(operator)} is not modelled`);
    if (!ok) return false;
  }
  return true;
}

function valueMatches(value: unknown, matcher: unknown): boolean {
  if (!isObject(matcher)) return value === matcher;
  if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(String(matcher.prefix));
  if ('anything-but' in matcher) {
    const excluded = matcher['anything-but'];
    return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value);
  }
  if ('numeric' in matcher) return numericMatches(value, matcher.numeric as unknown[]);
  throw new Error(`operator ${JSON.stringify(matcher)} is not modelled`);
}

function fieldMatches(field: unknown, matchers: readonly unknown[]): boolean {
  const leaves = leavesOf(field);
  return matchers.some((matcher) =>
    isObject(matcher) && 'exists' in matcher
      ? matcher.exists === leaves.length > 0
      : leaves.some((leaf) => valueMatches(leaf, matcher)),
  );
}

function objectMatches(value: unknown, pattern: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    const field = isObject(value) ? value[key] : undefined;
    if (Array.isArray(sub)) return fieldMatches(field, sub);
    if (isObject(sub)) return objectMatches(field, sub);
    throw new Error(`pattern value for ${key} is neither a list nor an object`);
  });
}

function parseJson(body: string): { json: true; value: Json } | { json: false } {
  try {
    return { json: true, value: JSON.parse(body) as Json };
  } catch {
    return { json: false };
  }
}

/** Whether one filter pattern matches an SQS record with this body. */
export function filterMatches(pattern: FilterPattern, body: string): boolean {
  const bodyPattern = pattern.body;
  const parsed = parseJson(body);
  if (Array.isArray(bodyPattern)) return !parsed.json && fieldMatches(body, bodyPattern);
  if (isObject(bodyPattern)) return parsed.json && objectMatches(parsed.value, bodyPattern);
  throw new Error('only patterns on `body` are modelled');
}

/**
 * Whether Lambda would pass a record with this body to the function (true) or delete it unseen (false).
 *
 * @example
 * lambdaWouldInvoke(sourceQueueFilters(['user.created']), '{"eventType":"user.deleted"}'); // false
 */
export function lambdaWouldInvoke(filters: readonly FilterPattern[], body: string): boolean {
  return filters.some((filter) => filterMatches(filter, body));
}
