/**
 * What Lambda's SQS event source mapping does with a batch once the function has run, with
 * `ReportBatchItemFailures` on (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html):
 *
 * - the function threw or timed out → nothing is deleted; every message comes back after its visibility timeout;
 * - the response is `null`/empty, has no `batchItemFailures`, or an empty list → the whole batch succeeded;
 * - `batchItemFailures` lists message ids of the batch → those stay, every other message is deleted;
 * - an entry with an empty, missing (bad key name), non-string or unknown `itemIdentifier`, or a response that is not
 *   a JSON object → the whole batch failed.
 *
 * The response is first put through `JSON.stringify`/`JSON.parse`, as the Lambda runtime serialises it: an
 * `undefined` identifier vanishes (and so fails the batch), and an unserialisable response is an invocation error.
 */

/** How the invocation ended. */
export type InvocationOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly error: unknown }
  | { readonly kind: 'timed-out'; readonly timeoutMs: number };

/** Why the whole batch counts as failed, when it does for a reason other than the handler listing every record. */
export type WholeBatchFailure = 'handler-threw' | 'timed-out' | 'invalid-response';

/** Which messages the event source deletes and which it leaves for redelivery. */
export interface BatchSettlement {
  readonly deleteIds: readonly string[];
  readonly retainIds: readonly string[];
  readonly wholeBatchFailure?: WholeBatchFailure;
  /** One line, for people: why this settlement (never includes message bodies). */
  readonly detail: string;
}

/**
 * @example
 * settleBatch({ kind: 'returned', value: { batchItemFailures: [{ itemIdentifier: 'b' }] } }, ['a', 'b']);
 * // { deleteIds: ['a'], retainIds: ['b'], detail: '1 of 2 record(s) reported failed' }
 */
export function settleBatch(outcome: InvocationOutcome, messageIds: readonly string[]): BatchSettlement {
  if (outcome.kind === 'threw') return failAll(messageIds, 'handler-threw', `handler threw ${describe(outcome.error)}`);
  if (outcome.kind === 'timed-out') {
    return failAll(messageIds, 'timed-out', `handler did not finish within ${outcome.timeoutMs} ms`);
  }

  let response: unknown;
  try {
    const text = JSON.stringify(outcome.value);
    response = text === undefined ? null : (JSON.parse(text) as unknown);
  } catch (error) {
    return failAll(messageIds, 'handler-threw', `response could not be serialised: ${describe(error)}`);
  }

  if (response === null) return succeedAll(messageIds, 'handler returned no response');
  if (typeof response !== 'object' || Array.isArray(response)) {
    return failAll(
      messageIds,
      'invalid-response',
      `response is a ${Array.isArray(response) ? 'array' : typeof response}, not an object`,
    );
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return succeedAll(messageIds, 'response has no batchItemFailures');
  if (!Array.isArray(failures)) return failAll(messageIds, 'invalid-response', 'batchItemFailures is not a list');

  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const [index, entry] of failures.entries()) {
    const identifier: unknown =
      typeof entry === 'object' && entry !== null ? (entry as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof identifier !== 'string' || identifier === '') {
      return failAll(messageIds, 'invalid-response', `batchItemFailures[${index}] has no non-empty itemIdentifier`);
    }
    if (!known.has(identifier)) {
      return failAll(messageIds, 'invalid-response', `batchItemFailures[${index}] names a message not in the batch`);
    }
    failed.add(identifier);
  }
  return {
    deleteIds: messageIds.filter((id) => !failed.has(id)),
    retainIds: messageIds.filter((id) => failed.has(id)),
    detail: `${failed.size} of ${messageIds.length} record(s) reported failed`,
  };
}

function succeedAll(messageIds: readonly string[], detail: string): BatchSettlement {
  return { deleteIds: [...messageIds], retainIds: [], detail };
}

function failAll(messageIds: readonly string[], reason: WholeBatchFailure, detail: string): BatchSettlement {
  return { deleteIds: [], retainIds: [...messageIds], wholeBatchFailure: reason, detail };
}

/** Name and message only: a stack or a cause could carry record contents. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
