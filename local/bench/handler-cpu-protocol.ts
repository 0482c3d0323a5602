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

export const handlerCpuResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    http: runFiguresSchema,
    replay: runFiguresSchema.extend({
      /** Requests with no recorded answer (sent over HTTP instead); should be 0. */
      replayMisses: z.number().int().nonnegative(),
    }),
    /** The bare keep-alive client sending the recorded requests of the replay events (the ratio's denominator). */
    bare: runFiguresSchema.extend({ requests: z.number().int().nonnegative() }),
    /** `process.resourceUsage().maxRSS` of the worker, KiB. */
    maxRssKb: z.number().nonnegative(),
  }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type HandlerCpuResult = z.infer<typeof handlerCpuResultSchema>;
