/**
 * The messages between the bench and its handler-CPU worker (a forked Node process, so that only the handler's CPU
 * time is counted): one request, one result. Both sides parse what they receive.
 */
import * as z from 'zod';

export const handlerCpuRequestSchema = z.strictObject({
  /** `file:` URL of the handler bundle (exports `handler`): the production one, with its default transport. */
  bundleUrl: z.string().startsWith('file:'),
  /** `file:` URL of the same handler built with `fetch` as its transport (`replay-bundle.ts`), for the replay run. */
  replayBundleUrl: z.string().startsWith('file:'),
  /** Bodies processed before any clock starts (cold start, token fetch, JIT). */
  warmupBodies: z.array(z.string()),
  /** Bodies processed on the clock with real HTTP to the Webex simulator. */
  httpBodies: z.array(z.string()).min(1),
  /**
   * Bodies processed twice: once over HTTP while every answer is recorded (off the clock), then on the clock with
   * `fetch` answering from the recording in-process: the handler's work without the HTTP transport. Run with the
   * replay bundle.
   */
  replayBodies: z.array(z.string()).min(1),
  batchSize: z.number().int().min(1).max(10),
  /** The records' `eventSourceARN`. */
  queueArn: z.string().min(1),
  region: z.string().min(1),
  functionTimeoutMs: z.number().int().positive(),
  /** Requests the bare client keeps in flight (the handler's MAX_PARALLEL_RECORDS). */
  bareClientParallel: z.number().int().min(1).max(100),
  /** Alternating timed rounds: handler with HTTP on a slice of `httpBodies`, then the floor on a slice of its own. */
  rounds: z.number().int().min(1).max(50),
  /** `AWS_ENDPOINT_URL_DYNAMODB` of the ledger: where the bare DynamoDB client sends the recorded ledger requests. */
  dynamoDbEndpoint: z.string().url(),
});
export type HandlerCpuRequest = z.infer<typeof handlerCpuRequestSchema>;

const runFiguresSchema = z.strictObject({
  events: z.number().int().nonnegative(),
  invocations: z.number().int().nonnegative(),
  /** Records the handler reported in `batchItemFailures` (every one should have succeeded). */
  failedRecords: z.number().int().nonnegative(),
  cpuUserMicros: z.number().nonnegative(),
  cpuSystemMicros: z.number().nonnegative(),
  wallMs: z.number().nonnegative(),
});
export type RunFigures = z.infer<typeof runFiguresSchema>;

const floorFiguresSchema = runFiguresSchema.extend({
  /** Webex requests sent by the bare keep-alive node:http client. */
  requests: z.number().int().nonnegative(),
  /** Ledger requests sent by the bare DynamoDBClient. */
  ledgerRequests: z.number().int().nonnegative(),
});
export type FloorFigures = z.infer<typeof floorFiguresSchema>;

/** One alternating round: the handler on its slice of events, the floor on the same share of recorded requests. */
const roundSchema = z.strictObject({ handler: runFiguresSchema, floor: floorFiguresSchema });
export type RoundFigures = z.infer<typeof roundSchema>;

/** Worker → bench, mid-run: send the ledger requests recorded for the replay events. */
export const ledgerRequestsQuerySchema = z.strictObject({ kind: z.literal('ledger-requests?') });
/** Bench → worker: those requests (`X-Amz-Target`, JSON body), in arrival order. */
export const ledgerRequestsAnswerSchema = z.strictObject({
  kind: z.literal('ledger-requests'),
  requests: z.array(z.strictObject({ target: z.string(), body: z.string() })),
});

export const handlerCpuResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** Every round's handler run with HTTP, summed. */
    http: runFiguresSchema,
    replay: runFiguresSchema.extend({
      /** Requests with no recorded answer (sent over HTTP instead); should be 0. */
      replayMisses: z.number().int().nonnegative(),
    }),
    /** Every round's floor, summed: the recorded requests of the replay events sent by bare clients. */
    bare: floorFiguresSchema,
    rounds: z.array(roundSchema).min(1),
    /** `process.resourceUsage().maxRSS` of the worker, KiB. */
    maxRssKb: z.number().nonnegative(),
  }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type HandlerCpuResult = z.infer<typeof handlerCpuResultSchema>;
