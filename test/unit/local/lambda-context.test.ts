import { describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../../local/aws/poller/lambda-context.js';

function fakeClock(startMs: number) {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

describe('createLambdaContext', () => {
  it('counts the remaining time down from the function timeout, never below zero', () => {
    // Prepare
    const clock = fakeClock(Date.parse('2026-11-29T10:00:00.000Z'));
    const context = createLambdaContext({ functionName: 'ecbn', timeoutMs: 5_000, now: clock.now });

    // Act
    const atStart = context.getRemainingTimeInMillis();
    clock.advance(1_250);
    const later = context.getRemainingTimeInMillis();
    clock.advance(10_000);
    const pastDeadline = context.getRemainingTimeInMillis();

    // Assess
    expect([atStart, later, pastDeadline]).toEqual([5_000, 3_750, 0]);
  });

  it('describes the function as Lambda does', () => {
    // Prepare / Act
    const context = createLambdaContext({
      functionName: 'ecbn-provisioner',
      timeoutMs: 60_000,
      awsRequestId: 'req-1',
      memoryLimitInMB: 512,
      region: 'eu-west-1',
      now: () => Date.parse('2026-11-29T10:00:00.000Z'),
    });

    // Assess
    expect(context).toMatchObject({
      functionName: 'ecbn-provisioner',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:ecbn-provisioner',
      memoryLimitInMB: '512',
      awsRequestId: 'req-1',
      logGroupName: '/aws/lambda/ecbn-provisioner',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.logStreamName).toMatch(/^2026\/11\/29\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('gives every invocation its own request id by default', () => {
    // Prepare / Act
    const first = createLambdaContext({ functionName: 'f', timeoutMs: 1 });
    const second = createLambdaContext({ functionName: 'f', timeoutMs: 1 });

    // Assess
    expect(first.awsRequestId).not.toBe(second.awsRequestId);
  });

  it.each(['done', 'fail', 'succeed'] as const)('refuses the callback-era context.%s()', (name) => {
    // Prepare
    const context = createLambdaContext({ functionName: 'f', timeoutMs: 1 });

    // Act / Assess
    expect(() => (context[name] as () => void)()).toThrow(/return a promise/);
  });
});
