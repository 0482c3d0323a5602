/**
 * `npm start -- --serve`: the local pipeline with the demo org, kept running for people who want to send their own
 * events. Prints the endpoints, copy-pasteable ways to send an event (AWS SDK, AWS CLI) and to look at the DLQ and the
 * simulator, then one line per record as the handler finishes it.
 */
import { LOCAL_AWS_REGION, localAwsCredentials } from '../aws/index.js';
import { startLocalPipeline, type LocalPipeline } from '../pipeline.js';
import { DEMO_ENV } from './demo-scenario.js';
import { directoryFromOrgState, EMPTY_DIRECTORY, type Directory } from './directory.js';
import { clockLabel, formatProgressLine, type LineWriter } from './progress.js';
import { createReportBook } from './report-book.js';

export interface ServeOptions {
  readonly rulesFile?: string | undefined;
  readonly verbose?: boolean;
  /** Function environment over {@link DEMO_ENV}. */
  readonly env?: Record<string, string>;
  /** @default console.log */
  readonly out?: LineWriter;
  /** Clock of the progress lines. @default () => new Date() */
  readonly now?: () => Date;
}

export interface ServeHandle {
  readonly pipeline: LocalPipeline;
  /** Stops the poller, then every server (idempotent). */
  stop(): Promise<void>;
}

/** The event the printed examples send: Bob moves to floor 2 of building B1. */
export const SERVE_EXAMPLE_EVENT = Object.freeze({
  eventType: 'user.updated',
  eventId: 'try-bob-moves-1',
  person: { email: 'bob.martinez@acme-robotics.example' },
  workplace: { building: 'B1', floor: '2' },
});

/**
 * Starts everything and prints how to use it; resolves once it is ready. Call `stop()` on Ctrl-C.
 *
 * @example
 * const serve = await startServe();
 * process.once('SIGINT', () => void serve.stop());
 */
export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const out = options.out ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const book = createReportBook();
  let names: Directory = EMPTY_DIRECTORY;
  const pipeline = await startLocalPipeline({
    ...(options.rulesFile === undefined ? {} : { rulesFile: options.rulesFile }),
    env: { ...DEMO_ENV, ...options.env },
    logLevel: options.verbose ? 'INFO' : 'SILENT',
    onReport: (report) => out(formatProgressLine(clockLabel(now()), book.add(report, names))),
  });
  names = directoryFromOrgState(pipeline.webex.state, pipeline.rules);
  serveInstructions(pipeline).forEach((line) => out(line));
  let stopped: Promise<void> | undefined;
  return {
    pipeline,
    stop() {
      stopped ??= pipeline.stop();
      return stopped;
    },
  };
}

/**
 * What `--serve` prints once it is ready: endpoints, then examples that work as pasted (from the repository root).
 *
 * @example
 * serveInstructions(pipeline).forEach((line) => console.log(line));
 */
export function serveInstructions(pipeline: LocalPipeline): string[] {
  const { sqs, secrets, webex, dynamo } = pipeline;
  const credentials = localAwsCredentials();
  const body = JSON.stringify(SERVE_EXAMPLE_EVENT);
  const bob = webex.state.personByEmail(SERVE_EXAMPLE_EVENT.person.email);
  const awsEnv = `AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`;
  const aws = `${awsEnv} aws --endpoint-url ${sqs.endpoint} --region ${LOCAL_AWS_REGION}`;
  return [
    `ECBN provisioner: serving ${webex.state.orgName ?? 'the demo org'} on 127.0.0.1 (Ctrl-C stops)`,
    '',
    `  SQS endpoint           ${sqs.endpoint} (region ${LOCAL_AWS_REGION}, any credentials)`,
    `  Source queue           ${sqs.sourceQueueUrl}`,
    `  Dead-letter queue      ${sqs.deadLetterQueueUrl} (after ${sqs.maxReceiveCount} receives, or at once with a reason)`,
    `  Secrets Manager        ${secrets.endpoint} (secret ${pipeline.config.webexTokenSecretId})`,
    `  Person ledger          ${dynamo.endpoint} (DynamoDB, table ${dynamo.tableName})`,
    `  Webex simulator        ${webex.baseUrl}`,
    `  Simulator token        ${webex.token} (a local stand-in, valid for this run only)`,
    `  Rules                  ${pipeline.config.rulesFile}`,
    '',
    'Send an event with the AWS SDK (paste in a shell at the repository root; Bob moves to B1 floor 2):',
    '',
    `node --input-type=module <<'EOF'`,
    `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';`,
    `const sqs = new SQSClient({ endpoint: '${sqs.endpoint}', region: '${LOCAL_AWS_REGION}',`,
    `  credentials: { accessKeyId: '${credentials.accessKeyId}', secretAccessKey: '${credentials.secretAccessKey}' } });`,
    `const event = ${body};`,
    `const queueUrl = '${sqs.sourceQueueUrl}';`,
    `const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));`,
    `console.log('sent', sent.MessageId);`,
    `EOF`,
    '',
    'Or with the AWS CLI (any sample works: examples/events/*.json):',
    '',
    `  ${aws} sqs send-message --queue-url ${sqs.sourceQueueUrl} --message-body file://examples/events/invalid-email-and-typo.json`,
    '',
    'Read the DLQ with its reason attributes:',
    '',
    `  ${aws} sqs receive-message --queue-url ${sqs.deadLetterQueueUrl} --message-attribute-names All`,
    '',
    'What the product knows and did for Bob (placement, newest event, decision, history):',
    '',
    `  npm run person -- ${SERVE_EXAMPLE_EVENT.person.email} --endpoint ${dynamo.endpoint} --table ${dynamo.tableName}`,
    '',
    "Ask the simulator for Bob's ECBN:",
    '',
    `  curl -s -H 'Authorization: Bearer ${webex.token}' ${webex.baseUrl}/telephony/config/people/${bob?.id ?? '<personId>'}/emergencyCallbackNumber`,
    '',
    'Waiting for events; one line per record as the handler finishes it:',
  ];
}
