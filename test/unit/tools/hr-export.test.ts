import { describe, expect, it } from 'vitest';
import { parseHrExport } from '../../../tools/audit/hr-export.js';
import { testIds } from '../../helpers/rules-factories.js';

describe('parseHrExport (CSV)', () => {
  it('reads email or personId rows with building, floor and an optional location', () => {
    const csv = [
      'email,personId,building,floor,locationId',
      `ana@example.com,,B2,3,${testIds.location(1)}`,
      `,${testIds.person(2)},B1,,`,
    ].join('\n');

    const result = parseHrExport(csv, 'export.csv');

    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, email: 'ana@example.com', building: 'B2', floor: '3', locationId: testIds.location(1) },
        { line: 3, personId: testIds.person(2), building: 'B1' },
      ].map((row) => expect.objectContaining(row)),
    });
  });

  it('reports every bad row with its line number, not only the first', () => {
    const csv = [
      'email,building,floor',
      'ana@example.com,B2,3',
      'not-an-email,B2,3',
      ',B2,3',
      'bo@example.com,,3',
    ].join('\n');

    const result = parseHrExport(csv, 'export.csv');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(result.problems[0]?.message).toMatch(/email/);
    expect(result.problems[1]?.message).toMatch(/needs personId or email/);
    expect(result.problems[2]?.message).toMatch(/building/);
  });

  it('refuses a header without building, floor and a person column', () => {
    const result = parseHrExport('name,desk\nana,B2\n', 'export.csv');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.every((p) => p.line === 1)).toBe(true);
    expect(result.problems.map((p) => p.message).join(' ')).toMatch(/unknown column\(s\) name, desk/);
  });

  it('refuses a person id of another type', () => {
    const result = parseHrExport(`personId,building,floor\n${testIds.location(1)},B2,3\n`, 'export.csv');

    expect(result.ok).toBe(false);
  });

  it('counts lines of quoted multi-line cells', () => {
    const csv = 'email,building,floor\n"ana@example.com","B2\nEast",3\nbad,B1,1\n';

    const result = parseHrExport(csv, 'export.csv');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ line: 4 })]);
  });
});

describe('parseHrExport (JSON Lines of onboarding events)', () => {
  it('takes the workplace of each event and keeps its id and time', () => {
    const jsonl = [
      JSON.stringify({
        eventType: 'user.created',
        eventId: 'hr-1',
        occurredAt: '2026-12-01T09:00:00Z',
        person: { email: 'ana@example.com' },
        workplace: { building: 'B2', floor: 3 },
      }),
      '',
    ].join('\n');

    const result = parseHrExport(jsonl, 'events.jsonl');

    expect(result).toEqual({
      ok: true,
      rows: [
        expect.objectContaining({ line: 1, email: 'ana@example.com', building: 'B2', floor: '3', eventId: 'hr-1' }),
      ],
    });
  });

  it('reports bad JSON, bad events and events without a building, with line numbers', () => {
    const good = { eventType: 'user.created', eventId: 'e', person: { email: 'a@example.com' } };
    const jsonl = [
      '{not json',
      JSON.stringify({ ...good, person: {} }),
      JSON.stringify(good),
      JSON.stringify({ ...good, workplace: { building: 'B1' } }),
    ].join('\n');

    const result = parseHrExport(jsonl, 'events.ndjson');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'not valid JSON'],
      [2, expect.stringMatching(/person/)],
      [3, expect.stringMatching(/building is required/)],
    ]);
  });
});
