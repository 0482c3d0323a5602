/**
 * `npm run backfill -- FILE [options]`: publishes one `user.updated` event per row of an HR export to the source
 * queue — the deployed one (`--queue-url`, from the stack outputs) or, by default, a local pipeline on this machine.
 * Every row is validated first (all bad rows printed with their line numbers, nothing published); publishing is
 * rate-limited with a progress bar and resumable (a progress file next to FILE remembers published rows).
 * Exit 0 done, 2 bad command line or file, 3 publishing failed (rerun to continue).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describeError } from '../../lambda/errors.js';
import { parseHrExport } from '../audit/hr-export.js';
import { withLocalPipeline } from '../audit/fix-locally.js';
import { openProgressFile } from './progress-file.js';
import { DEFAULT_BACKFILL_RATE, runBackfill, type SendBatch } from './run-backfill.js';
import { startLocalTarget } from './local-target.js';

export const USAGE = `Usage: npm run backfill -- FILE [options]

  Publishes one user.updated event per row of an HR export (CSV: email or personId, building, floor, optional
  locationId; or JSONL of onboarding events) to the source queue. Every row is checked first; bad rows are listed
  with their line numbers and nothing is published. Rows already published (FILE.backfill-progress) are skipped.

Options:
  --queue-url <url>     the deployed source queue (stack output SourceQueueUrl); AWS credentials and region from
                        the environment. Default: a local pipeline (simulator with the demo org) that also processes
                        the events and prints their outcomes.
  --people <n>          local only: a generated org of n people instead of the demo org
  --rate <n>            events per second (default ${DEFAULT_BACKFILL_RATE})
  --progress <file>     progress file (default FILE.backfill-progress)
  -h, --help            print this help
`;

export async function main(argv: readonly string[], print: (line: string) => void): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        'queue-url': { type: 'string' },
        people: { type: 'string' },
        rate: { type: 'string' },
        progress: { type: 'string' },
      },
    }));
  } catch (error) {
    print(`backfill: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const file = positionals[0];
  const rate = values.rate === undefined ? DEFAULT_BACKFILL_RATE : Number(values.rate);
  const people = values.people === undefined ? undefined : Number(values.people);
  const problems = [
    file === undefined || positionals.length > 1 ? 'give exactly one FILE' : undefined,
    Number.isFinite(rate) && rate > 0 ? undefined : `--rate must be a number > 0, got ${values.rate}`,
    people === undefined || (Number.isInteger(people) && people > 0)
      ? undefined
      : '--people must be a whole number > 0',
    people !== undefined && values['queue-url'] !== undefined ? '--people is for the local pipeline only' : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0 || file === undefined) {
    print(`backfill: ${problems.join('; ')}\n\n${USAGE}`);
    return 2;
  }

  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    print(`backfill: cannot read ${file}: ${describeError(error)}`);
    return 2;
  }
  const parsed = parseHrExport(content, file);
  if (!parsed.ok) {
    print(`backfill: ${file}: ${parsed.problems.length} bad row(s); nothing published`);
    for (const problem of parsed.problems) print(`  line ${problem.line}: ${problem.message}`);
    return 2;
  }
  print(`backfill: ${parsed.rows.length} valid row(s) in ${file}`);
  const progress = await openProgressFile(values.progress ?? `${file}.backfill-progress`);
  const run = (send: SendBatch) =>
    runBackfill({
      rows: parsed.rows,
      send,
      progress,
      ratePerSecond: rate,
      exportTime: new Date().toISOString(),
      print,
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });

  try {
    const queueUrl = values['queue-url'];
    if (queueUrl !== undefined) {
      const sqs = new SQSClient({});
      const result = await run(sqsBatchSender(sqs, queueUrl));
      print(`backfill: ${result.published} published, ${result.skipped} skipped`);
      return 0;
    }
    const target = await startLocalTarget(people);
    try {
      const outcomes: Record<string, number> = {};
      const result = await withLocalPipeline(
        target,
        (report) => {
          outcomes[report.outcome] = (outcomes[report.outcome] ?? 0) + 1;
        },
        async (pipeline) => {
          const published = await run(sqsBatchSender(pipeline.sqs.client, pipeline.sqs.sourceQueueUrl));
          await pipeline.drain({ timeoutMs: Math.max(120_000, published.published * 200) });
          return published;
        },
      );
      const summary = Object.entries(outcomes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outcome, n]) => `${n} ${outcome}`);
      print(
        `backfill: ${result.published} published, ${result.skipped} skipped; local outcomes: ${summary.join(', ') || 'none'}`,
      );
      return 0;
    } finally {
      await target.stop();
    }
  } catch (error) {
    print(`backfill: ${describeError(error)}`);
    return 3;
  }
}

/** `SendMessageBatch` to one queue; returns the indexes SQS did not accept. */
export function sqsBatchSender(sqs: SQSClient, queueUrl: string): SendBatch {
  return async (bodies) => {
    const answer = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    return (answer.Failed ?? []).map((failure) => Number(failure.Id));
  };
}
