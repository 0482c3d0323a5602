/**
 * A Lambda `Context` for one local invocation
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html): `getRemainingTimeInMillis()` counts down from
 * the function timeout, as the deadline-aware handler expects.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_AWS_ACCOUNT_ID, LOCAL_AWS_REGION } from '../local-aws-defaults.js';

/** Options of {@link createLambdaContext}. */
export interface LambdaContextOptions {
  readonly functionName: string;
  /** The function timeout: the countdown starts from it at creation. */
  readonly timeoutMs: number;
  readonly awsRequestId?: string;
  readonly memoryLimitInMB?: number;
  readonly region?: string;
  /** Clock in milliseconds; inject a fake one in tests. */
  readonly now?: () => number;
}

/**
 * @example
 * const context = createLambdaContext({ functionName: 'ecbn-provisioner', timeoutMs: 60_000 });
 * context.getRemainingTimeInMillis(); // ≈ 60000, falling to 0
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const region = options.region ?? LOCAL_AWS_REGION;
  const startedAt = new Date(now());
  const day = startedAt.toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = (name: string) => (): never => {
    // The callback-era completion functions are gone from current Node.js runtimes; a handler must return a promise.
    throw new Error(`context.${name}() is not supported: return a promise from the handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_AWS_ACCOUNT_ID}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
