import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  formatInputIssues,
  formatIssuePath,
  inputIssuesOf,
  jsonTypeOf,
  terseErrorMap,
} from '../../../lambda/events/zod-issues.js';

describe('input issue formatting', () => {
  it.each<[PropertyKey[], string]>([
    [[], '(root)'],
    [['person', 'email'], 'person.email'],
    [['locations', 0, 'zones', 12, 'match'], 'locations[0].zones[12].match'],
    [[0], '[0]'],
  ])('writes the path %j as %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });

  it.each([
    [null, 'null'],
    [[], 'array'],
    [{}, 'object'],
    ['x', 'string'],
    [1, 'number'],
    [true, 'boolean'],
  ])('names the JSON type of %j as %s', (value, expected) => {
    expect(jsonTypeOf(value)).toBe(expected);
  });

  it('reports each problem as `path: message` without the rejected values', () => {
    // Prepare
    const schema = z.strictObject({
      name: z.string(),
      kind: z.enum(['a', 'b']),
      mail: z.email(),
      items: z.array(z.strictObject({ n: z.number() })),
      label: z.string().min(1).max(3),
    });
    // Act
    const result = schema.safeParse(
      { kind: 'secret-kind', mail: 'secret-mail', items: [{ n: 'secret-n', extra: 1 }], label: 'toolong' },
      { error: terseErrorMap },
    );
    const lines = formatInputIssues(inputIssuesOf(result.error as z.ZodError), ['detail']);
    // Assess
    expect(lines).toEqual([
      'detail.name: required',
      'detail.kind: expected one of "a", "b"',
      'detail.mail: invalid email',
      'detail.items[0].n: expected number, got string',
      'detail.items[0].extra: unknown field',
      'detail.label: longer than 3 characters',
    ]);
    expect(lines.join(' ')).not.toContain('secret');
  });
});
