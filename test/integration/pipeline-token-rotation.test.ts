/**
 * Scenario of the whole product on 127.0.0.1: the Webex token is rotated in Secrets Manager while the function still
 * holds the old one in its SecretsProvider cache. The 401 makes it re-read the secret once, bypassing the cache, and carry on.
 */
import { describe, expect, it } from 'vitest';
import { LOCAL_TOKEN_SECRET_ID } from '../../local/pipeline.js';
import { toBody } from '../helpers/event-factories.js';
import { DEMO, actualEcbnFor, demoEmail, demoEvent, memberSetting } from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, canaryToken, startPipelineUnderTest } from '../helpers/pipeline-harness.js';

describe('Scenario: a token rotated after a 401', () => {
  it('re-reads the secret once on the 401 and applies the next records on their first receive', async () => {
    // Prepare: a first batch warms the function (the token is now in the SecretsProvider cache, maxAge 300 s).
    const run = await startPipelineUnderTest();
    const { webex, secrets } = run.pipeline;
    const [warmUp = ''] = await run.pipeline.publish([
      toBody(demoEvent({ person: { id: DEMO.people.erin }, workplace: { building: 'B1', floor: '1' } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(warmUp)?.outcome).toBe('unchanged');
    const readsBefore = secrets.getCallCount(LOCAL_TOKEN_SECRET_ID);
    const logBefore = webex.requestLog.length;

    // Act: rotate between batches (Webex accepts only the new token), then a batch of two.
    run.pipeline.rotateToken(canaryToken('ROTATED'));
    const [bob = '', carol = ''] = await run.pipeline.publish([
      toBody(demoEvent({ person: { id: DEMO.people.bob }, workplace: { building: 'B1', floor: '1' } })),
      toBody(demoEvent({ person: { email: demoEmail('carol.smith') }, workplace: { building: 'B2', floor: '1' } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    const duringRotation = webex.requestLog.slice(logBefore);
    const readsAfterRotation = secrets.getCallCount(LOCAL_TOKEN_SECRET_ID);

    // Assess: the old token was refused, the secret read once more, and both records applied without a deferral.
    expect(duringRotation.filter((entry) => entry.status === 401).length).toBeGreaterThan(0);
    expect(readsAfterRotation - readsBefore).toBe(1);
    for (const messageId of [bob, carol]) {
      expect(run.reportsFor(messageId)).toEqual([expect.objectContaining({ outcome: 'updated', receiveCount: 1 })]);
    }
    expect(actualEcbnFor(webex, DEMO.people.bob, memberSetting(DEMO.phones.b1f1))).toEqual(
      memberSetting(DEMO.phones.b1f1),
    );
    expect(actualEcbnFor(webex, DEMO.people.carol, memberSetting(DEMO.phones.b2f1))).toEqual(
      memberSetting(DEMO.phones.b2f1),
    );

    // Assess: the next batch starts with the new token (the forced re-read refilled the cache): no 401 any more.
    const logAfterRotation = webex.requestLog.length;
    const [ivan = ''] = await run.pipeline.publish([
      toBody(demoEvent({ person: { id: DEMO.people.ivan }, workplace: { building: 'B2', floor: '1' } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(ivan)).toMatchObject({ outcome: 'updated', receiveCount: 1 });
    expect(webex.requestLog.slice(logAfterRotation).filter((entry) => entry.status === 401)).toEqual([]);
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  });
});
