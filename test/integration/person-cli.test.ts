/**
 * `npm run person` against the ledger of a running local pipeline (what `npm start -- --serve` runs): after Bob's
 * events, it answers "what did it do to Bob, and why?" by email or by id.
 */
import { describe, expect, it } from 'vitest';
import { runPersonCommand } from '../../tools/person/person-command.js';
import { otherEncodingOf } from '../helpers/rules-factories.js';
import { toBody } from '../helpers/event-factories.js';
import { DEMO, demoEmail, demoEvent, minutesAgo } from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, startPipelineUnderTest } from '../helpers/pipeline-harness.js';

describe('npm run person', () => {
  it("prints Bob's placement, newest event, decision and history, found by email in any case or by id", async () => {
    // Prepare: Bob placed on B1/1, then an older move arrives (stale).
    const run = await startPipelineUnderTest();
    await run.pipeline.publish([
      toBody(
        demoEvent({
          eventId: 'hr-person-1',
          occurredAt: minutesAgo(5),
          person: { id: DEMO.people.bob, email: demoEmail('Bob.Martinez') },
          workplace: { building: 'B1', floor: '1' },
        }),
      ),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    await run.pipeline.publish([
      toBody(demoEvent({ eventId: 'hr-person-0', occurredAt: minutesAgo(60), person: { id: DEMO.people.bob } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    const endpoint = ['--endpoint', run.pipeline.dynamo.endpoint, '--table', run.pipeline.dynamo.tableName];
    const byEmail: string[] = [];
    const byId: string[] = [];
    // Act
    const emailExit = await runPersonCommand(['BOB.MARTINEZ@acme-robotics.example', ...endpoint], (l) =>
      byEmail.push(l),
    );
    const idExit = await runPersonCommand([otherEncodingOf(DEMO.people.bob), ...endpoint], (l) => byId.push(l));
    // Assess
    expect([emailExit, idExit]).toEqual([0, 0]);
    expect(byId).toEqual(byEmail);
    const text = byEmail.join('\n');
    expect(text).toMatch(/^Person +PEOPLE\/.* \(bob\.martinez@acme-robotics\.example\)/m);
    expect(text).toMatch(/^Placement +LOCATION\/.*, building B1, floor 1$/m);
    expect(text).toMatch(/^Newest event +hr-person-1 \(user\.created at /m);
    expect(text).toMatch(
      /^Decision +LOCATION_MEMBER_NUMBER PLACE\/.*: updated at .* by hr-person-1; reason zone San Jose HQ\/B1\/1; TrackingID /m,
    );
    expect(text).toMatch(/hr-person-1 +user\.created +updated +LOCATION_MEMBER_NUMBER/);
    expect(text).toMatch(/hr-person-0 +user\.created +stale +— +older than event hr-person-1/);
  });

  it('says so when the ledger knows nobody with that email', async () => {
    const run = await startPipelineUnderTest();
    const lines: string[] = [];
    const exit = await runPersonCommand(['nobody@example.com', '--endpoint', run.pipeline.dynamo.endpoint], (line) =>
      lines.push(line),
    );
    expect(exit).toBe(1);
    expect(lines).toEqual([
      'The ledger knows no person with the email nobody@example.com (it learns emails from processed events).',
    ]);
  });

  it('explains its usage when no person is given', async () => {
    const lines: string[] = [];
    expect(await runPersonCommand([], (line) => lines.push(line))).toBe(2);
    expect(lines[0]).toMatch(/^Expected one email or person id/);
  });
});
