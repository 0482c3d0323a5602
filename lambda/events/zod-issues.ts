/**
 * Turns zod issues into short `path: message` lines, the format every input error of the product uses (events and
 * rules files alike), e.g. `person.email: invalid email` or `locations[0].zones[1].appliesTo: expected one of …`.
 *
 * Messages never echo the rejected value: event bodies hold personal data (emails, names) and these lines end up in
 * logs and dead-letter attributes. They name the field, what was expected and the JSON type that arrived.
 */
import type * as z from 'zod';

/** One problem found in an input: where (path segments) and what. */
export interface InputIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Formats a path the way a reader writes it: `locations[0].zones[1].match`; the root is `(root)`.
 *
 * @example
 * formatIssuePath(['locations', 0, 'name']); // 'locations[0].name'
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

/** The JSON type name of a value, for "expected string, got number" messages (never the value itself). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

type RawIssue = z.core.$ZodRawIssue;

/**
 * The per-parse error map: terse messages that name what was expected, without the input value.
 * Pass it as `schema.safeParse(data, { error: terseErrorMap })`; schema-level messages still win.
 */
export function terseErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'required';
      const expected = issue.expected === 'object' ? 'a mapping (object)' : issue.expected;
      return `expected ${expected}, got ${jsonTypeOf(issue.input)}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      return values.length === 1 ? `expected ${values[0]}` : `expected one of ${values.join(', ')}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'invalid format' : `invalid ${issue.format}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : undefined;
    case 'too_big':
      return issue.origin === 'string' ? `longer than ${String(issue.maximum)} characters` : undefined;
    default:
      return undefined;
  }
}

/**
 * Flattens a zod error into one {@link InputIssue} per problem. An unknown key becomes its own issue at the key's
 * path (`workplace.flor: unknown field`), so typos are reported where they are.
 *
 * @example
 * const result = schema.safeParse(value, { error: terseErrorMap });
 * if (!result.success) inputIssuesOf(result.error); // [{ path: ['person', 'email'], message: 'invalid email' }]
 */
export function inputIssuesOf(error: z.ZodError): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: [...issue.path, key], message: 'unknown field' });
    } else {
      issues.push({ path: issue.path, message: issue.message });
    }
  }
  return issues;
}

/** `path: message` lines, optionally under a prefix path (e.g. the envelope field that held the event). */
export function formatInputIssues(issues: readonly InputIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.map((issue) => `${formatIssuePath([...prefix, ...issue.path])}: ${issue.message}`);
}
