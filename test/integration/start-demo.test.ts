/**
 * `npm start` (the demo) run in-process: the real pipeline on 127.0.0.1, the sample events, Frank's late licence.
 * Short deferrals (DEFER_BASE_SECONDS=1) and an immediate licence keep it to a few seconds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runDemo, type DemoOptions, type DemoResult } from '../../local/start/run-demo.js';

/** Test knobs: Frank is made ready as soon as he is first deferred, and deferred records come back after 1 s. */
function fastDemo(overrides: DemoOptions = {}): DemoOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    lateJoinerDelayMs: 0,
    env: { DEFER_BASE_SECONDS: '1', DEFER_CAP_SECONDS: '1' },
    drainTimeoutMs: 20_000,
    out: (line) => lines.push(line),
    ...overrides,
    lines,
  };
}

describe('npm start (the demo) when things go wrong', () => {
  it('fails with the reason and leaves no server listening when the rules file cannot be read', async () => {
    // Prepare
    const listening = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
    const before = listening();
    // Act
    const run = runDemo(fastDemo({ rulesFile: 'does-not-exist.yaml' }));
    // Assess
    await expect(run).rejects.toThrow('file not found');
    // Closed servers leave the handle list a moment after close() returns; one that is never closed stays.
    await vi.waitFor(() => expect(listening()).toBe(before), { timeout: 2_000 });
  });
  it('reports a queue that does not drain in time, with the table of where every event got to', async () => {
    // Prepare
    const slow = fastDemo({ lateJoinerDelayMs: 60_000, drainTimeoutMs: 1_000 });
    // Act
    const run = await runDemo(slow);
    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.differences[0]).toMatch(/^The queue was not drained within 1000 ms/);
    expect(run.rows.find((row) => row.label === 'frank-created.not-ready-yet')?.outcome).toBe('deferred');
    expect(slow.lines.some((line) => line.startsWith('  frank-created.not-ready-yet  Frank Lee'))).toBe(true);
  });
});

describe('npm start (the demo)', () => {
  // One run serves the two specs that read it.
  const options = fastDemo();
  let result: DemoResult;
  beforeAll(async () => {
    result = await runDemo(options);
  });

  it('plays every sample event to the outcome examples/expected-outcomes.json expects, and exits 0', () => {
    // Assess
    expect(result.differences).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(Object.fromEntries(result.rows.map((row) => [row.label, [row.person, row.outcome, row.wanted]]))).toEqual({
      'bob-created.bare': ['Bob Martinez', 'updated', 'LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone +14085550111'],
      'carol-updated.eventbridge': [
        'Carol Smith',
        'updated',
        'LOCATION_MEMBER_NUMBER → SJ-B2-F1 Callback Phone +14085550121',
      ],
      'dan-created.sns': ['Dan Okafor', 'updated', 'LOCATION_ECBN +14085550100'],
      'erin-updated.already-right': [
        'Erin Walsh',
        'unchanged',
        'LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone +14085550111',
      ],
      'frank-created.not-ready-yet': [
        'Frank Lee',
        'updated',
        'LOCATION_MEMBER_NUMBER → SJ-B1-F2 Callback Phone +14085550112',
      ],
      'grace-created.cloudevents': ['Grace Kim', 'updated', 'DIRECT_LINE +15125550301'],
      'henry-deleted.skipped': ['Henry Patel', 'skipped', '—'],
      'invalid-email-and-typo': ['not-an-email', 'dead-lettered', '—'],
      'ivan-updated.off-hunt-group': [
        'Ivan Petrov',
        'updated',
        'LOCATION_MEMBER_NUMBER → SJ-B2-F1 Callback Phone +14085550121',
      ],
      'jun-updated.direct-line': ['Jun Tanaka', 'updated', 'DIRECT_LINE +14085550210'],
      // Follow-ups (the person ledger): the newer move, the older one after it, a department change.
      'bob-moved.newer': ['Bob Martinez', 'updated', 'LOCATION_MEMBER_NUMBER → SJ-B2-F1 Callback Phone +14085550121'],
      'bob-moved.older': ['Bob Martinez', 'stale', '—'],
      'bob-updated.no-workplace': [
        'Bob Martinez',
        'unchanged',
        'LOCATION_MEMBER_NUMBER → SJ-B2-F1 Callback Phone +14085550121',
      ],
    });
    expect(result.deadLetters).toEqual([
      expect.objectContaining({
        label: 'invalid-email-and-typo',
        errorClass: 'permanent',
        error: expect.stringContaining('workplce: unknown field (did you mean workplace?)'),
      }),
    ]);
  });

  it('prints progress while it runs, Frank’s wait, the table, the DLQ and the verdict, and no JSON log line', () => {
    // Assess
    const output = options.lines.join('\n');
    expect(output).toMatch(/Frank Lee +deferred \d+s \(transient\) +PersonNotReadyError/);
    expect(output).toContain('waiting for Frank');
    expect(output).toContain('[Webex admin] Frank Lee gets a calling licence: San Jose HQ, extension 2206');
    expect(output).toMatch(/Ivan Petrov +San Jose HQ +LOCATION_MEMBER_NUMBER → SJ-B2-F1 Callback Phone/);
    expect(output).toMatch(/invalid-email-and-typo +permanent +InvalidEventError: person.email: invalid email/);
    expect(output).toMatch(/bob-moved\.older +Bob Martinez .* stale +older than event hr-demo-bob-0002/);
    expect(output).toMatch(/bob-updated\.no-workplace +Bob Martinez .* unchanged \(workplace kept\)/);
    expect(output).toContain('OK: all 13 events behaved as examples/expected-outcomes.json says');
    expect(options.lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
  });

  it('exits 1 and prints the difference when an event does not do what the expectations say', async () => {
    // Prepare
    const expected = JSON.parse(readFileSync('examples/expected-outcomes.json', 'utf8')) as {
      events: Record<string, { outcome: string }>;
    };
    const erin = expected.events['hr-demo-erin-0001'];
    if (erin) erin.outcome = 'updated';
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'demo-')), 'expected.json');
    writeFileSync(file, JSON.stringify(expected));
    const wrong = fastDemo({ expectedFile: file });
    // Act
    const run = await runDemo(wrong);
    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.differences).toEqual([
      'erin-updated.already-right (hr-demo-erin-0001): outcome unchanged, expected updated',
    ]);
    expect(wrong.lines).toContain(`NOT AS EXPECTED (1 difference(s) from ${file}):`);
  });
});
