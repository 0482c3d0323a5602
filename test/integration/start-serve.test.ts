/**
 * `npm start -- --serve`: the printed endpoints work as printed, each record gets a line, and stop() ends it.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { SERVE_EXAMPLE_EVENT, startServe } from '../../local/start/serve.js';

function valueAfter(lines: readonly string[], label: string): string {
  const line = lines.find((candidate) => candidate.trimStart().startsWith(label));
  const value = line?.trim().slice(label.length).trim().split(' ')[0];
  if (!value) throw new Error(`No "${label}" line in:\n${lines.join('\n')}`);
  return value;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('npm start -- --serve', () => {
  it('prints endpoints that take an event as printed, and one line per processed record', async () => {
    // Prepare
    const lines: string[] = [];
    const serve = await startServe({ out: (line) => lines.push(line), now: () => new Date(2026, 10, 29, 9, 30, 0) });
    try {
      const endpoint = valueAfter(lines, 'SQS endpoint');
      const queueUrl = valueAfter(lines, 'Source queue');
      const sqs = new SQSClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      });
      // Act
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(SERVE_EXAMPLE_EVENT) }));
      await waitFor(() => lines.some((line) => line.includes('Bob Martinez')), 15_000);
      sqs.destroy();
      // Assess
      expect(lines.find((line) => line.includes('Bob Martinez'))).toBe(
        '  09:30:00  Bob Martinez        updated, was NONE             LOCATION_MEMBER_NUMBER → SJ-B1-F2 Callback Phone +14085550112',
      );
    } finally {
      await serve.stop();
    }
  });

  it('prints the DLQ, Secrets Manager and simulator endpoints, the simulator token and ready-to-paste examples', async () => {
    // Prepare
    const lines: string[] = [];
    // Act
    const serve = await startServe({ out: (line) => lines.push(line) });
    await serve.stop();
    // Assess
    const { sqs, secrets, webex } = serve.pipeline;
    const output = lines.join('\n');
    expect(output).toContain(`Dead-letter queue      ${sqs.deadLetterQueueUrl}`);
    expect(output).toContain(`Secrets Manager        ${secrets.endpoint}`);
    expect(output).toContain(`Webex simulator        ${webex.baseUrl}`);
    expect(output).toContain(`Simulator token        ${webex.token}`);
    expect(output).toContain(`import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';`);
    expect(output).toContain(
      `aws --endpoint-url ${sqs.endpoint} --region us-east-1 sqs send-message --queue-url ${sqs.sourceQueueUrl}`,
    );
    expect(output).toContain(`sqs receive-message --queue-url ${sqs.deadLetterQueueUrl} --message-attribute-names All`);
  });
});
