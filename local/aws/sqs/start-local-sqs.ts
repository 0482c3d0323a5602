/**
 * A real SQS peer on 127.0.0.1: fauxqs (an in-memory SQS emulator speaking the AWS JSON protocol) with a source queue
 * whose `RedrivePolicy` sends a message to a dead-letter queue once it has been received `maxReceiveCount` times,
 * as on AWS (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 *
 * fauxqs' own `startFauxqs()` listens on 0.0.0.0 and logs every request (bodies hold personal data), so this builds
 * its app with the logger off and listens on the loopback interface only. The queues are created through the SQS API,
 * exactly as a deployment would.
 */
import { MAX_VISIBILITY_SECONDS } from '../../../lambda/failures/backoff.js';
import { CreateQueueCommand, GetQueueAttributesCommand, QueueAttributeName, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { LOCAL_AWS_REGION, localAwsCredentials, LOOPBACK_HOST } from '../local-aws-defaults.js';

/** Options of {@link startLocalSqs}. */
export interface LocalSqsOptions {
  /** TCP port; `0` (the default) lets the OS pick a free one. */
  port?: number;
  /** Receives after which the next receive moves a message to the DLQ. Default 10 (the function's default). */
  maxReceiveCount?: number;
  /** The source queue's default visibility timeout. Default 30 (the SQS default). */
  visibilityTimeoutSeconds?: number;
  /** Source queue name; the DLQ is `<queueName>-dlq`. Default `ecbn-provisioner-events`. */
  queueName?: string;
}

/** A running local SQS with its two queues. */
export interface LocalSqs {
  /** `http://127.0.0.1:<port>`: pass it as the SQS client's `endpoint` (queue URLs do not resolve on their own). */
  readonly endpoint: string;
  readonly region: typeof LOCAL_AWS_REGION;
  readonly sourceQueueUrl: string;
  readonly sourceQueueArn: string;
  readonly deadLetterQueueUrl: string;
  readonly deadLetterQueueArn: string;
  readonly maxReceiveCount: number;
  /** An SQS client bound to {@link endpoint} with dummy credentials. Destroyed by {@link stop}. */
  readonly client: SQSClient;
  /** Closes every connection and the server; idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_QUEUE_NAME = 'ecbn-provisioner-events';
const DEFAULT_MAX_RECEIVE_COUNT = 10;
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

/**
 * Creates an SQS client for a local endpoint. The endpoint is always explicit: the SDK otherwise sends each request
 * to the host in the queue URL (fauxqs' URLs are `http://sqs.us-east-1.localhost:<port>/…`, which does not resolve
 * here, so a client that forgets the endpoint fails loudly instead of talking to something else).
 *
 * @example
 * const sqs = createLocalSqsClient('http://127.0.0.1:4566');
 */
export function createLocalSqsClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() });
}

/**
 * Starts fauxqs on 127.0.0.1 with a source queue and its dead-letter queue.
 *
 * @example
 * const sqs = await startLocalSqs({ maxReceiveCount: 3, visibilityTimeoutSeconds: 5 });
 * await sqs.client.send(new SendMessageCommand({ QueueUrl: sqs.sourceQueueUrl, MessageBody: '{}' }));
 * await sqs.stop();
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const maxReceiveCount = options.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
  assertIntegerInRange('maxReceiveCount', maxReceiveCount, 1, 1000);
  assertIntegerInRange('visibilityTimeoutSeconds', visibilityTimeoutSeconds, 0, MAX_VISIBILITY_SECONDS);
  assertIntegerInRange('port', options.port ?? 0, 0, 65_535);

  // logger: false — fauxqs' default request log would print message bodies (personal data).
  const app = buildApp({ logger: false, defaultRegion: LOCAL_AWS_REGION });
  const endpoint = await app.listen({ port: options.port ?? 0, host: LOOPBACK_HOST });
  const client = createLocalSqsClient(endpoint);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      client.destroy();
      await app.close();
    })();
    return stopped;
  };

  try {
    const deadLetterQueue = await createQueue(client, `${queueName}-dlq`, {});
    const sourceQueue = await createQueue(client, queueName, {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterQueue.arn, maxReceiveCount }),
    });
    return {
      endpoint,
      region: LOCAL_AWS_REGION,
      sourceQueueUrl: sourceQueue.url,
      sourceQueueArn: sourceQueue.arn,
      deadLetterQueueUrl: deadLetterQueue.url,
      deadLetterQueueArn: deadLetterQueue.arn,
      maxReceiveCount,
      client,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  const created = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const url = created.QueueUrl;
  if (url === undefined) throw new Error(`CreateQueue for ${name} returned no QueueUrl`);
  const read = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [QueueAttributeName.QueueArn] }),
  );
  const arn = read.Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`GetQueueAttributes for ${name} returned no QueueArn`);
  return { url, arn };
}

function assertIntegerInRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
