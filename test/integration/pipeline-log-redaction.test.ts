/**
 * Everything the whole product writes to stdout and stderr at DEBUG level, while a batch meets a 401 (rotated token),
 * 429s (a tight rate limit) and dead-letters, holds neither token nor anything personal from the message bodies.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBody } from '../helpers/event-factories.js';
import { DEMO, demoEmail, demoEvent, minutesAgo } from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, canaryToken, startPipelineUnderTest } from '../helpers/pipeline-harness.js';

let captured: string[] = [];

/** Swallows (and keeps) every write to stdout and stderr: the assertions below decide what may be shown. */
function captureOutput(): void {
  captured = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Scenario: DEBUG logs of a batch with a 401, 429s and dead letters', () => {
  it('never shows the token, the rotated token or an email from a message body', async () => {
    // Prepare: DEBUG logs; a first batch warms the token cache, then the token is rotated and Webex throttled.
    captureOutput();
    const firstToken = canaryToken();
    const rotatedToken = canaryToken('ROTATED');
    const run = await startPipelineUnderTest({ token: firstToken, logLevel: 'DEBUG' });
    const { webex } = run.pipeline;
    const emails = {
      erin: demoEmail('erin.walsh'),
      bob: demoEmail('bob.martinez'),
      carol: demoEmail('carol.smith'),
      grace: demoEmail('grace.kim'),
      jun: demoEmail('jun.tanaka'),
      ivan: demoEmail('ivan.petrov'),
      unknown: 'priya.hidden@acme-robotics.example',
      misspelt: 'olaf.hidden@acme-robotics.example',
    };
    await run.pipeline.publish([
      toBody(demoEvent({ person: { email: emails.erin }, workplace: { building: 'B1', floor: '1' } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    run.pipeline.rotateToken(rotatedToken);
    webex.configure({ rateLimit: { requestsPerSecond: 10, burst: 3 } });
    const logBefore = webex.requestLog.length;
    const bodies = [
      toBody(demoEvent({ person: { email: emails.bob }, workplace: { building: 'B1', floor: '1' } })),
      toBody(demoEvent({ person: { email: emails.carol }, workplace: { building: 'B2', floor: '1' } })),
      toBody(demoEvent({ person: { email: emails.grace } })),
      toBody(demoEvent({ person: { email: emails.jun }, workplace: { building: 'B2', floor: '2' } })),
      toBody(demoEvent({ person: { id: DEMO.people.ivan, email: emails.ivan }, workplace: { building: 'B2' } })),
      // Dead letters: a person Webex never knew, from an old event; a misspelt field.
      toBody(demoEvent({ person: { email: emails.unknown }, occurredAt: minutesAgo(120) })),
      toBody({ ...demoEvent({ person: { email: emails.misspelt } }), workplce: { building: 'B1' } }),
    ];

    // Act
    await run.pipeline.publish(bodies);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    vi.restoreAllMocks();

    // Assess: the batch met what it was meant to meet.
    const statuses = webex.requestLog.slice(logBefore).map((entry) => entry.status);
    expect(statuses).toContain(401);
    expect(statuses).toContain(429);
    expect((await run.pipeline.readDeadLetters()).length).toBe(2);
    expect(run.reports.filter((report) => report.outcome === 'updated').length).toBe(5);
    // The capture worked: one JSON line per record report, and DEBUG lines.
    const output = captured.join('');
    const recordLines = output.split('\n').filter((line) => line.includes('"message":"ECBN record'));
    expect(recordLines.length).toBe(run.reports.length);
    expect(output).toMatch(/"level":"DEBUG"/);
    // Nothing secret or personal (booleans: a failure must not print what it found).
    expect({ firstToken: output.includes(firstToken), rotatedToken: output.includes(rotatedToken) }).toEqual({
      firstToken: false,
      rotatedToken: false,
    });
    expect(output.includes('CANARY-')).toBe(false);
    const leakedEmails = Object.entries(emails)
      .filter(([, email]) => output.toLowerCase().includes(email.toLowerCase()))
      .map(([name]) => name);
    expect(leakedEmails).toEqual([]);
    expect(output.includes('@acme-robotics.example')).toBe(false);
  });
});
