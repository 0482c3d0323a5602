/**
 * `npm run person -- <email or person id> [--table NAME] [--endpoint URL]`: what the product knows and did for one
 * person, read from the ledger table — the local one of `npm start -- --serve` (its printed `--endpoint`), or the
 * deployed one (`--table` from the stack output `LedgerTableName`; AWS credentials and region from the usual chain;
 * `AWS_ENDPOINT_URL_DYNAMODB` is honoured as the SDK does). An email is found through the ledger's email index
 * (stored lower-cased).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { describeError } from '../../lambda/errors.js';
import { createDynamoLedger, type DynamoLedger } from '../../lambda/ledger/dynamo-ledger.js';
import { isLoopbackHost } from '../../lambda/webex/base-url.js';
import { DEFAULT_LEDGER_TABLE_NAME, LOCAL_AWS_REGION, localAwsCredentials } from '../../local/aws/index.js';
import { formatPerson } from './format-person.js';

export const PERSON_USAGE = `Usage: npm run person -- <email or Webex person id> [--table NAME] [--endpoint URL]

  --table NAME     the ledger table (stack output LedgerTableName) @default ${DEFAULT_LEDGER_TABLE_NAME}
  --endpoint URL   a DynamoDB endpoint, e.g. the one \`npm start -- --serve\` prints (loopback: dummy credentials)`;

const argsSchema = z.object({
  who: z.string().trim().min(1, 'give an email or a Webex person id'),
  table: z.string().trim().min(3).max(255),
  endpoint: z.url().optional(),
});

export type PersonArgs = z.infer<typeof argsSchema>;

/** Parses the command line; throws a usage message naming what is wrong. */
export function parsePersonArgs(argv: readonly string[]): PersonArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { table: { type: 'string' }, endpoint: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error(`Expected one email or person id\n${PERSON_USAGE}`);
  const parsed = argsSchema.safeParse({
    who: positionals[0],
    table: values.table ?? DEFAULT_LEDGER_TABLE_NAME,
    endpoint: values.endpoint,
  });
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${PERSON_USAGE}`,
    );
  }
  return parsed.data;
}

/** The ledger the arguments name. A loopback endpoint gets the local region and dummy credentials. */
export function ledgerFor(args: PersonArgs): DynamoLedger {
  const local = args.endpoint !== undefined && isLoopbackHost(new URL(args.endpoint).hostname);
  const client = new DynamoDBClient({
    ...(args.endpoint === undefined ? {} : { endpoint: args.endpoint }),
    ...(local ? { region: LOCAL_AWS_REGION, credentials: localAwsCredentials() } : {}),
  });
  return createDynamoLedger({ client, tableName: args.table, now: Date.now });
}

/**
 * @returns the exit code: 0 found, 1 not found or failed, 2 usage.
 *
 * @example
 * process.exitCode = await runPersonCommand(process.argv.slice(2), (line) => console.log(line));
 */
export async function runPersonCommand(
  argv: readonly string[],
  out: (line: string) => void,
  open: (args: PersonArgs) => DynamoLedger = ledgerFor,
): Promise<number> {
  let args: PersonArgs;
  try {
    args = parsePersonArgs(argv);
  } catch (error) {
    out(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const ledger = open(args);
  try {
    const ids = args.who.includes('@') ? await ledger.findPersonIdsByEmail(args.who) : [args.who];
    if (ids.length === 0) {
      out(`The ledger knows no person with the email ${args.who} (it learns emails from processed events).`);
      return 1;
    }
    let found = 0;
    for (const id of ids) {
      const record = await ledger.readPerson(id);
      if (!record) continue;
      if (found > 0) out('');
      formatPerson(record).forEach((line) => out(line));
      found += 1;
    }
    if (found === 0) out(`The ledger has no entry for ${args.who}: no event for this person was processed.`);
    return found > 0 ? 0 : 1;
  } catch (error) {
    out(`Reading the ledger table ${args.table} failed: ${describeError(error)}`);
    return 1;
  }
}
