/**
 * A small soak inside `npm test`: 500 seeded messages through the whole local pipeline (fauxqs SQS with a redrive DLQ,
 * the Secrets Manager stand-in, the Webex simulator injecting ~10 % transient faults, the poller and the real handler),
 * with the token rotated halfway. Asserts the pass criteria of `npm run soak` — nothing lost, nobody in the wrong
 * state, no token in anything the run printed or stored, every dead letter with its reason — never timings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSoak, type SoakResult } from '../../local/soak/run-soak.js';

let result: SoakResult;

beforeAll(async () => {
  // Unknown people are retried 3 s before their verdict (the CLI: 10 s); everything else is the CLI's set-up.
  result = await runSoak({ events: 500, seed: 7, notReadyGraceSeconds: 3 });
}, 120_000);

describe('soak: 500 messages under faults and a token rotation', () => {
  it('passes', () => {
    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
  });

  it('loses no message', () => {
    expect(result.lost).toBe(0);
    expect(result.misrouted).toBe(0);
  });

  it('leaves every person in the expected state, and applies every change that was needed', () => {
    expect(result.wrongState).toBe(0);
    expect(result.applied).toBe(result.expectedApplied);
    expect(result.expectedApplied).toBeGreaterThan(0);
    expect(result.alreadyRight).toBe(result.published.alreadyRight);
  });

  it("keeps the newest event's decision through out-of-order pairs, and the remembered zone through partial updates", () => {
    expect(result.published['out-of-order']).toBeGreaterThan(0);
    expect(result.published['partial-update']).toBeGreaterThan(0);
    expect(result.wrongState).toBe(0);
    // Phase 2 finds everyone already right: a partial update changes nobody.
    expect(Object.keys(result.finalOutcomes['partial-update'] ?? {})).toEqual(['unchanged']);
  });

  it('dead-letters exactly the invalid events and unknown people, each with its reason', () => {
    expect(result.expectedDeadLettered).toBe(result.published.invalid + result.published['unknown-person']);
    expect(result.deadLettered).toBe(result.expectedDeadLettered);
    expect(result.deadLetteredWithReason).toBe(result.deadLettered);
    expect(result.deadLetteredAsExpected).toBe(result.expectedDeadLettered);
    expect(result.unexpectedDeadLetters).toBe(0);
    expect(result.deadLetterReasonSamples['unknown-person']).toMatch(/^permanent: person not ready after 1 minutes/);
  });

  it('leaks no token into the captured INFO logs, the DLQ, the reports or the request log', () => {
    expect(result.tokenLeaks).toBe(0);
    // The handler's log lines were really captured (INFO: one line per record), so the search had something to search.
    expect(result.capturedOutputBytes).toBeGreaterThan(100 * result.events);
  });

  it('recovered from the token rotation through 401 and a fresh read of the secret', () => {
    expect(result.tokenRotation.atSettledMessages).toBe(250);
    expect(result.tokenRotation.unauthorizedAnswers).toBeGreaterThan(0);
  });

  it('really met faults of every kind, 429 included', () => {
    expect(Object.keys(result.webex.faultsInjected).length).toBeGreaterThanOrEqual(5);
    expect(result.webex.rateLimited429).toBeGreaterThan(0);
    expect(result.webex.transientFaultRate).toBeGreaterThan(0.05);
  });

  it('never needed the queue redrive: the handler settled every record before maxReceiveCount', () => {
    expect(result.highestReceiveCount).toBeLessThan(10);
    expect(result.poller.invocationTimeouts).toBe(0);
  });
});
