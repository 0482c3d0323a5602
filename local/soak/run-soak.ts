/**
 * The soak: N events through the whole local pipeline (fauxqs SQS with a redrive DLQ, the Secrets Manager stand-in,
 * the Webex simulator, the local event-source poller and the real handler) while the simulator injects transient
 * faults and the token is rotated halfway; then every message and every person is accounted for.
 *
 * What makes it quick without changing what is tested: deferral backoff 1–4 s (`DEFER_BASE_SECONDS`,
 * `DEFER_CAP_SECONDS`; production 10 s–15 min), a 1.5 s Webex request timeout (`WEBEX_TIMEOUT_MS`; production 10 s)
 * so hung answers cost little, a 1-minute not-ready window (the minimum) with unknown people's events dated
 * `window − grace` in the past, and `Retry-After: 1` on injected 423s and storm 429s.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { Message } from '@aws-sdk/client-sqs';
import type { RecordReport } from '../../lambda/flow/record-report.js';
import { LOCAL_TOKEN_SECRET_ID, startLocalPipeline, type LocalPipeline } from '../pipeline.js';
import { seededRandom, type PersonEcbnSetting } from '../webex-simulator/index.js';
import { account, type Accounting, type CheckedPerson } from './accounting.js';
import { soakFaultProfile } from './fault-profile.js';
import { captureProcessOutput } from './output-capture.js';
import { planSoak, type SoakPlan, type SoakShares } from './plan.js';
import { startOAuthSoakRotation, type OAuthSoakRotation } from './oauth-rotation.js';
import { canaryToken, countTokenLeaks } from './token-leaks.js';

/** Messages per publishing step (SQS batches of 10). */
const PUBLISH_CHUNK = 50;

export interface SoakOptions {
  /** Messages published. @default 10000 */
  readonly events?: number;
  /** Seeds the plan and the simulator's fault draws. @default 1 */
  readonly seed?: number;
  /** Probability of a per-request fault (5xx, 423, reset, hang). @default 0.09 */
  readonly requestFaultRate?: number;
  /** Share of the time a 429 storm is on. @default 0.04 */
  readonly stormShare?: number;
  /** Seconds unknown people are retried before the not-ready window ends. @default 10 */
  readonly notReadyGraceSeconds?: number;
  /** Concurrent batches of the poller. @default 8 */
  readonly concurrentBatches?: number;
  /** `MAX_PARALLEL_RECORDS` of the handler. @default 10 */
  readonly parallelRecords?: number;
  /** Messages published but not settled yet before the next chunk is published. @default 400 */
  readonly maxBacklog?: number;
  /** Give up waiting for the queue to drain after this long. @default 30 minutes */
  readonly drainTimeoutMs?: number;
  /** Progress lines, shown on stderr (and searched for tokens like everything else). @default false */
  readonly showProgress?: boolean;
  readonly shares?: Partial<SoakShares>;
  /**
   * The OAuth variant: the secret holds the OAuth form, access tokens live `accessTokenSeconds`, and the rotation
   * function refreshes them every `rotationEveryMs` (instead of the static token swapped halfway).
   */
  readonly oauth?: { readonly accessTokenSeconds?: number; readonly rotationEveryMs?: number };
}

export interface SoakResult extends Accounting {
  readonly pass: boolean;
  /** Which pass criteria failed (empty when `pass`). */
  readonly failures: readonly string[];
  readonly events: number;
  readonly seed: number;
  readonly published: SoakPlan['counts'];
  readonly tokenLeaks: number;
  readonly tokenLeaksBySource: Readonly<Record<string, number>>;
  readonly tokenRotation: {
    readonly atSettledMessages: number;
    readonly unauthorizedAnswers: number;
    /** OAuth variant: rotations through all four steps, and failed attempts (resumed with the same token). */
    readonly rotations?: { readonly succeeded: number; readonly failed: number };
  };
  readonly webex: {
    readonly requests: number;
    readonly faultsInjected: Readonly<Record<string, number>>;
    readonly rateLimited429: number;
    /** (injected faults + 429) ÷ requests. */
    readonly transientFaultRate: number;
    readonly requestsPerRoute: Readonly<Record<string, number>>;
  };
  readonly poller: Readonly<Record<string, number>>;
  /** `publish`: first to last message published (paced by the backlog); `drain`: first published to queue empty. */
  readonly durationsMs: { readonly publish: number; readonly drain: number; readonly total: number };
  readonly settledEventsPerSecond: number;
  readonly capturedOutputBytes: number;
  /** Peak resident memory of the whole process (SQS emulator, simulator, handler, captured logs). */
  readonly peakRssMb: number;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGb: number;
    readonly node: string;
  };
}

/**
 * Runs the soak and returns its figures; never throws for a failed criterion (`pass` says), only for a broken set-up.
 *
 * @example
 * const result = await runSoak({ events: 500, seed: 7 });
 * if (!result.pass) console.error(result.failures);
 */
export async function runSoak(options: SoakOptions = {}): Promise<SoakResult> {
  const events = options.events ?? 10_000;
  const seed = options.seed ?? 1;
  const notReadyWindowMinutes = 1;
  const notReadyGraceSeconds = options.notReadyGraceSeconds ?? 10;
  const profile = soakFaultProfile(options.requestFaultRate ?? 0.09, options.stormShare ?? 0.04);
  const tokens = [canaryToken('A', randomBytes(18).toString('hex')), canaryToken('B', randomBytes(18).toString('hex'))];
  const [firstToken, nextToken] = tokens as [(typeof tokens)[number], (typeof tokens)[number]];
  const env = {
    PERSON_NOT_READY_RETRY_MINUTES: String(notReadyWindowMinutes),
    DEFER_BASE_SECONDS: '1',
    DEFER_CAP_SECONDS: '4',
    WEBEX_TIMEOUT_MS: '1500',
    MAX_PARALLEL_RECORDS: String(options.parallelRecords ?? 10),
  };
  const concurrentBatches = options.concurrentBatches ?? 8;
  const maxBacklog = options.maxBacklog ?? 400;

  const capture = captureProcessOutput();
  const progress = (line: string) => {
    if (options.showProgress) capture.echo('stderr', `${line}\n`);
  };
  const startedAt = Date.now();
  const reports: RecordReport[] = [];
  const settledMessages = new Set<string>();
  let rotation: { atSettledMessages: number } | undefined;
  let pipeline: LocalPipeline | undefined;
  let oauthRotation: OAuthSoakRotation | undefined;
  const accessTokenSeconds = options.oauth?.accessTokenSeconds ?? 30;
  let stormTimer: NodeJS.Timeout | undefined;
  let progressTimer: NodeJS.Timeout | undefined;
  let deadLetters: Message[] = [];
  const messageIds: string[] = [];
  let plan: SoakPlan;
  let checked: CheckedPerson[];
  const durations = { publish: 0, drain: 0 };

  try {
    plan = planSoak({
      events,
      seed,
      nowMs: startedAt,
      notReadyWindowMinutes,
      notReadyGraceSeconds,
      ...shares(options),
    });
    const half = Math.ceil((plan.messages.length + plan.followUps.length) / 2);
    pipeline = await startLocalPipeline({
      dynamoDbThread: true,
      token: firstToken.token,
      startPoller: false,
      logLevel: 'INFO',
      env,
      // OAuth: a cached token must not outlive the ~30 s access tokens (in production: minutes against days).
      ...(options.oauth ? { tokenCacheSeconds: Math.max(1, Math.floor(accessTokenSeconds / 3)) } : {}),
      simulator: { faults: profile.faults, random: seededRandom(seed), requestLogLimit: 1_000_000 },
      poller: { batchSize: 10, maxConcurrentBatches: concurrentBatches, functionTimeoutMs: 60_000, waitTimeSeconds: 1 },
      onReport: (report) => {
        reports.push(report);
        if (report.outcome !== 'deferred' && !report.reportAsFailed) settledMessages.add(report.messageId);
        if (!options.oauth && !rotation && settledMessages.size >= half) {
          rotation = { atSettledMessages: settledMessages.size };
          // Halfway: the secret and the simulator move to a new token; the handler must recover through its 401
          // re-read of the secret (its cached token is the old one).
          pipeline?.rotateToken(nextToken.token);
          progress(`soak: token rotated after ${settledMessages.size} settled messages`);
        }
      },
    });
    const running = pipeline;
    if (options.oauth) {
      oauthRotation = await startOAuthSoakRotation({
        webex: running.webex,
        secrets: running.secrets,
        secretName: LOCAL_TOKEN_SECRET_ID,
        accessTokenSeconds,
        everyMs: options.oauth.rotationEveryMs ?? Math.floor((accessTokenSeconds * 1000) / 3),
        logLevel: 'INFO',
      });
    }

    // The org: the demo fixture's people (untouched by any event) plus the plan's synthetic people.
    const orgPeople: CheckedPerson[] = running.webex.state.people().map((person) => {
      const setting = running.webex.state.personEcbnSetting(person.id);
      return { id: person.id, initial: setting, expected: setting, role: 'org' };
    });
    for (const person of plan.people) running.webex.state.addPerson(person.fixture);
    checked = [
      ...orgPeople,
      ...plan.people.map((p) => ({ id: p.fixture.id, initial: p.initial, expected: p.expected, role: p.role })),
    ];

    // A 429 storm at once (so even a short run meets one), then every `everyMs`.
    const storm = () => {
      running.webex.configure({ rateLimit: profile.storm.rateLimit });
      setTimeout(() => running.webex.configure({ rateLimit: null }), profile.storm.durationMs).unref();
    };
    stormTimer = setInterval(storm, profile.storm.everyMs);
    stormTimer.unref();
    progressTimer = setInterval(() => {
      const deferred = reports.filter((r) => r.outcome === 'deferred').length;
      progress(`soak: ${settledMessages.size}/${plan.messages.length} settled, ${deferred} deferrals`);
    }, 5_000);
    progressTimer.unref();

    await running.startPolling();
    const publishStart = Date.now();
    storm();
    // An HR stream, not one burst: the next chunk goes out when the backlog is short, so every event is received
    // soon after it is published (and unknown people's not-ready window runs from publication, as in production).
    for (let from = 0; from < plan.messages.length; from += PUBLISH_CHUNK) {
      while (from - settledMessages.size > maxBacklog) await delay(20);
      const now = Date.now();
      const chunk = plan.messages.slice(from, from + PUBLISH_CHUNK).map((m) => m.bodyAt(now));
      messageIds.push(...(await running.publish(chunk)));
    }
    durations.publish = Date.now() - publishStart;
    progress(`soak: published ${messageIds.length} messages in ${durations.publish} ms`);
    await running.drain({ idleMs: 1_000, timeoutMs: options.drainTimeoutMs ?? 30 * 60_000 });
    // Phase 2, once everything above is applied: partial updates (no workplace) that must keep each person's zone.
    if (plan.followUps.length > 0) {
      const now = Date.now();
      for (let from = 0; from < plan.followUps.length; from += PUBLISH_CHUNK) {
        const chunk = plan.followUps.slice(from, from + PUBLISH_CHUNK).map((m) => m.bodyAt(now));
        messageIds.push(...(await running.publish(chunk)));
      }
      progress(`soak: published ${plan.followUps.length} partial updates`);
      await running.drain({ idleMs: 1_000, timeoutMs: options.drainTimeoutMs ?? 30 * 60_000 });
    }
    durations.drain = Date.now() - publishStart;
    clearInterval(stormTimer);
    running.webex.configure({ rateLimit: null });
    deadLetters = await running.readDeadLetters();
  } finally {
    clearInterval(stormTimer);
    clearInterval(progressTimer);
    await oauthRotation?.stop();
    await pipeline?.stop();
    capture.restore();
  }
  const webex = pipeline.webex;
  const finalSetting = (id: string): PersonEcbnSetting => webex.state.personEcbnSetting(id);
  const messages = [...plan.messages, ...plan.followUps];
  const books = account({ messages, messageIds, reports, deadLetters, people: checked, finalSetting });

  const log = webex.requestLog;
  const faultsInjected: Record<string, number> = {};
  let rateLimited429 = 0;
  let unauthorizedAnswers = 0;
  for (const entry of log) {
    if (entry.fault !== undefined) faultsInjected[entry.fault] = (faultsInjected[entry.fault] ?? 0) + 1;
    if (entry.status === 429) rateLimited429 += 1;
    if (entry.status === 401) unauthorizedAnswers += 1;
  }
  const injected = Object.values(faultsInjected).reduce((sum, n) => sum + n, 0);
  const rotations = oauthRotation?.counts();
  const leaks = countTokenLeaks([...tokens, ...(oauthRotation?.secrets() ?? [])], {
    output: capture.text(),
    deadLetters: JSON.stringify(deadLetters),
    reports: JSON.stringify(reports),
    simulatorRequestLog: JSON.stringify(log),
    summary: JSON.stringify(books),
  });
  const failures = [
    ...(books.wrongState > 0 ? [`${books.wrongState} people in the wrong state`] : []),
    ...(books.lost > 0 ? [`${books.lost} messages lost`] : []),
    ...(leaks.total > 0 ? [`${leaks.total} token occurrences in the run's output or records`] : []),
    ...(books.deadLetteredWithReason < books.deadLettered
      ? [`${books.deadLettered - books.deadLetteredWithReason} dead letters without ecbn-error-class/ecbn-error`]
      : []),
    ...(books.misrouted > 0 ? [`${books.misrouted} messages ended otherwise than planned`] : []),
    ...(books.deadLetteredAsExpected < books.expectedDeadLettered
      ? [
          `${books.expectedDeadLettered - books.deadLetteredAsExpected} expected dead letters missing or with another reason`,
        ]
      : []),
    ...(books.unexpectedDeadLetters > 0 ? [`${books.unexpectedDeadLetters} unexpected dead letters`] : []),
    ...(rotations === undefined && rotation === undefined ? ['the token was never rotated'] : []),
    ...(rotations !== undefined && rotations.succeeded === 0 ? ['the OAuth token was never rotated'] : []),
  ];
  const totalMs = Date.now() - startedAt;
  const cpus = os.cpus();

  return {
    pass: failures.length === 0,
    failures,
    events,
    seed,
    published: plan.counts,
    ...books,
    tokenLeaks: leaks.total,
    tokenLeaksBySource: leaks.bySource,
    tokenRotation: {
      atSettledMessages: rotation?.atSettledMessages ?? 0,
      unauthorizedAnswers,
      ...(rotations === undefined ? {} : { rotations }),
    },
    webex: {
      requests: log.length,
      faultsInjected,
      rateLimited429,
      transientFaultRate: log.length === 0 ? 0 : round((injected + rateLimited429) / log.length, 4),
      requestsPerRoute: webex.counters(),
    },
    poller: { ...(pipeline.poller?.stats ?? {}) },
    durationsMs: { publish: durations.publish, drain: durations.drain, total: totalMs },
    settledEventsPerSecond: durations.drain === 0 ? 0 : round((settledMessages.size * 1000) / durations.drain, 1),
    capturedOutputBytes: capture.bytes,
    // maxRSS is in kilobytes.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    settings: {
      ...env,
      concurrentBatches,
      batchSize: 10,
      maxReceiveCount: pipeline.config.maxReceiveCount,
      notReadyGraceSeconds,
      maxBacklog,
      requestFaultRate: options.requestFaultRate ?? 0.09,
      stormEveryMs: profile.storm.everyMs,
      stormMs: profile.storm.durationMs,
      logLevel: 'INFO (captured in memory)',
    },
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
    },
  };
}

function shares(options: SoakOptions): { shares?: Partial<SoakShares> } {
  return options.shares === undefined ? {} : { shares: options.shares };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
