/**
 * The per-record flow: SQS record → onboarding event → person → current ECBN → decision → PUT (or not).
 *
 * A plain async function (no middy, no globals): the handler maps it over a batch. It never throws; every failure is
 * classified once (`classifyError`) and turned into an outcome by `settleFailure`: dead-lettered with its reason, or
 * deferred through the queue. The returned report is logged as exactly one structured line.
 */
import type { SQSRecord } from 'aws-lambda';
import {
  EcbnUpdateRefusedError,
  MemberNotAppliedError,
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexRateLimitedError,
  PersonNotReadyError,
  WebexHttpError,
  WebexNotFoundError,
  describeError,
} from '../errors.js';
import { parseEventBody, type OnboardingEvent } from '../events/index.js';
import type { BackoffPolicy } from '../failures/backoff.js';
import { settleFailure, type FailureContext } from '../failures/settle-failure.js';
import { receiveCountOf } from '../failures/queue-actions.js';
// Direct module imports, not '../rules/index.js': the index re-exports the YAML parser (kept out of the bundle).
import { decideEcbn, type EcbnDecision } from '../rules/decide-ecbn.js';
import type { EcbnRules } from '../rules/schema.js';
import { findApplicableZone, type ApplicableZone } from '../rules/zone-match.js';
import { sameWebexId, webexIdKey } from '../webex/ids.js';
import type { AvailableNumber, EcbnSetting, PersonEcbn } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';
import { confirmMemberApplied } from './member-read-back.js';
import { checkEventOrg, checkPersonOrg } from './org-check.js';
import type { RateGate } from './rate-gate.js';
// A 429 without Retry-After: the same wait the Webex client's own retry uses.
import { RATE_LIMITED_DEFAULT_WAIT_SECONDS as DEFAULT_RATE_LIMIT_PAUSE_SECONDS } from '../webex/retry-policy.js';
import type { Outcome, RecordReport } from './record-report.js';
import { hasDirectLine, resolvePerson } from './resolve-person.js';
import type { ZoneCandidatesCache } from './zone-candidates-cache.js';
import type { QueueActions } from '../failures/queue-actions.js';
import type { TokenHolder } from '../token/token-holder.js';

/** Minimal structured logger (Powertools Logger satisfies it). */
export interface StructuredLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything one record needs; built once per container by the handler. */
export interface RecordDependencies {
  readonly webex: WebexClient;
  readonly rules: EcbnRules;
  readonly settings: {
    readonly allowedOrgIds: readonly string[];
    readonly acceptedEventTypes: readonly string[];
    readonly dryRun: boolean;
    readonly personNotReadyRetryMinutes: number;
    readonly maxReceiveCount: number;
    /** Deferral backoff without `Retry-After`. @default DEFAULT_BACKOFF (10 s base, 15 min cap) */
    readonly backoff?: BackoffPolicy | undefined;
  };
  readonly queue: QueueActions;
  readonly gate: RateGate;
  readonly tokens: TokenHolder;
  readonly zoneCache: ZoneCandidatesCache;
  readonly logger: StructuredLogger;
  readonly now: () => number;
  readonly random: () => number;
}

/** Mutable facts gathered while the record is processed, for its log line. */
interface Trace {
  eventId?: string;
  envelope?: string;
  eventType?: string;
  orgId?: string;
  personId?: string;
  locationId?: string;
  occurredAtMs?: number;
  trackingIds: string[];
  attempts: number;
  /** Once decided: what was wanted and what was there (kept on the log line when the PUT then fails). */
  wanted?: EcbnSetting;
  previous?: EcbnDecision['previous'];
}

interface Success {
  outcome: Outcome;
  decision?: EcbnDecision;
  applied?: EcbnSetting;
  reason?: string;
  attention?: string;
}

/**
 * Processes one record to a final report. Never rejects.
 *
 * @param deadline epoch ms after which no Webex call may run (the Lambda's remaining time minus a margin).
 *
 * @example
 * const report = await processRecord(record, deps, { deadline: Date.now() + 50_000 });
 * if (report.reportAsFailed) batchItemFailures.push({ itemIdentifier: record.messageId });
 */
export async function processRecord(
  record: SQSRecord,
  deps: RecordDependencies,
  options: { deadline: number },
): Promise<RecordReport> {
  const startedAt = deps.now();
  const trace: Trace = { trackingIds: [], attempts: 0 };
  const callOptions = (): WebexCallOptions => ({
    orgId: trace.orgId,
    deadline: options.deadline,
    onAttempt: (attempt) => {
      // One 429 anywhere pauses the whole container until Retry-After has passed, even when the client's own retry
      // then succeeds: records not yet started wait instead of being sent into the limit.
      if (attempt.status === 429) deps.gate.closeFor(attempt.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_PAUSE_SECONDS);
      trace.attempts += 1;
      if (!trace.trackingIds.includes(attempt.trackingId)) trace.trackingIds.push(attempt.trackingId);
    },
  });

  let report: RecordReport;
  try {
    const success = await runWithTokenRetry(() => runFlow(record, deps, trace, callOptions), deps);
    report = buildReport(record, trace, deps, startedAt, {
      outcome: success.outcome,
      reportAsFailed: false,
      wanted: success.applied ?? success.decision?.wanted,
      previous: success.decision?.previous,
      reason: success.reason ?? success.decision?.reason,
      attention: success.attention ?? success.decision?.attention,
    });
  } catch (error) {
    if (error instanceof WebexRateLimitedError) {
      deps.gate.closeFor(error.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_PAUSE_SECONDS);
    }
    report = await settleAndReport(record, error, trace, deps, startedAt);
  }
  return report;
}

/**
 * Settles a record that was not (or could not be) started, e.g. near the deadline or without a token: deferred or,
 * on its last allowed receive, dead-lettered with the reason. Never rejects.
 *
 * @example
 * const report = await settleUnstarted(record, deps, new TokenUnavailableError('secret unreadable'));
 */
export function settleUnstarted(record: SQSRecord, deps: RecordDependencies, error: Error): Promise<RecordReport> {
  return settleAndReport(record, error, { trackingIds: [], attempts: 0 }, deps, deps.now());
}

/** Classifies and settles a failure (DLQ or deferral), then reports it with what the trace knows. */
async function settleAndReport(
  record: SQSRecord,
  error: unknown,
  trace: Trace,
  deps: RecordDependencies,
  startedAt: number,
): Promise<RecordReport> {
  const context: FailureContext = {
    record,
    eventId: trace.eventId,
    occurredAtMs: trace.occurredAtMs,
    trackingId: trace.trackingIds.at(-1),
    settings: deps.settings,
    queue: deps.queue,
    now: deps.now,
    random: deps.random,
  };
  const settled = await settleFailure(error, context);
  return buildReport(record, trace, deps, startedAt, {
    outcome: settled.outcome,
    reportAsFailed: settled.reportAsFailed,
    errorClass: settled.errorClass,
    error: settled.reason,
    deferSeconds: settled.deferSeconds,
    deadLetterFailed: settled.deadLetterFailed,
    deferFailed: settled.deferFailed,
    wanted: trace.wanted,
    previous: trace.previous,
  });
}

async function runFlow(
  record: SQSRecord,
  deps: RecordDependencies,
  trace: Trace,
  callOptions: () => WebexCallOptions,
): Promise<Success> {
  // 1. Parse and unwrap (throws InvalidEventError: permanent).
  const parsed = parseEventBody(record.body, {
    messageId: record.messageId,
    acceptedEventTypes: deps.settings.acceptedEventTypes,
  });
  trace.envelope = parsed.envelope;
  if (parsed.kind === 'skipped') {
    trace.eventId = parsed.eventId;
    trace.eventType = parsed.eventType.slice(0, 128);
    return { outcome: 'skipped', reason: `event type ${trace.eventType} is not acted on` };
  }
  const event = parsed.event;
  trace.eventId = event.eventId;
  trace.eventType = event.eventType;
  trace.occurredAtMs = eventTimeMs(event, record);
  checkEventOrg(event.orgId, deps.settings.allowedOrgIds);
  trace.orgId = event.orgId;

  // 2. Resolve the person (not found / no calling location → PersonNotReadyError: transient until the window ends).
  const { person, locationId } = await resolvePerson(deps.webex, event, callOptions());
  trace.personId = person.id;
  trace.locationId = locationId;
  checkPersonOrg({ personOrgId: person.orgId, eventOrgId: event.orgId }, deps.settings.allowedOrgIds);

  // 3. Current ECBN, and the zone's candidate numbers where a zone applies.
  const current = await readCurrentEcbn(deps.webex, person.id, callOptions());
  const facts = {
    personId: person.id,
    locationId,
    hasDirectLine: hasDirectLine(person, current.directLineInfo),
    ...(person.extension === undefined ? {} : { extension: person.extension }),
  };
  const zone = findApplicableZone(deps.rules, facts, event.workplace);
  const cacheKey = zone ? zoneCacheKey(zone) : undefined;
  // Candidates read by an earlier record may be stale (a number deactivated since): such a member PUT is read back.
  const cachedCandidates = cacheKey !== undefined && deps.zoneCache.get(cacheKey) !== undefined;
  const zoneCandidates =
    zone && cacheKey ? await zoneCandidatesFor(zone, cacheKey, person.id, deps, callOptions) : undefined;

  // 4. Decide (pure), then apply.
  const decision = decideEcbn({
    person: facts,
    ...(event.workplace === undefined ? {} : { workplace: event.workplace }),
    rules: deps.rules,
    current,
    ...(zoneCandidates === undefined ? {} : { zoneCandidates }),
  });
  trace.wanted = decision.wanted;
  trace.previous = decision.previous;
  if (!decision.changed) return { outcome: 'unchanged', decision };
  if (deps.settings.dryRun) return { outcome: 'would-update', decision };

  try {
    await deps.webex.updatePersonEcbn(person.id, decision.wanted, callOptions());
    if (decision.wanted.selected === 'LOCATION_MEMBER_NUMBER' && cachedCandidates) {
      await confirmMemberApplied(deps.webex, person.id, decision.wanted.locationMemberId, callOptions(), (why) => {
        if (cacheKey) deps.zoneCache.evict(cacheKey);
        deps.logger.warn('Could not read the zone member back; the accepted PUT stands', {
          eventId: trace.eventId,
          personId: trace.personId,
          why: describeError(why),
        });
      });
    }
    return { outcome: 'updated', decision };
  } catch (error) {
    // Webex does not document how it refuses a bad member (400 is what we expect; 404/409 are possible too): any of
    // them means "not this member", so the documented fallback is put instead.
    // A member accepted but read back unusable (MemberNotAppliedError) is handled the same way.
    const refusedMember =
      (error instanceof WebexBadRequestError ||
        error instanceof WebexNotFoundError ||
        isConflict(error) ||
        error instanceof MemberNotAppliedError) &&
      decision.wanted.selected === 'LOCATION_MEMBER_NUMBER';
    if (!refusedMember) throw error;
    if (cacheKey) deps.zoneCache.evict(cacheKey);
    if (!decision.fallback) {
      throw new EcbnUpdateRefusedError(
        `Webex refused the zone member and no fallback applies: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    deps.logger.warn('Webex refused the zone member; putting the documented fallback', {
      eventId: trace.eventId,
      personId: trace.personId,
      refused: decision.wanted,
      fallback: decision.fallback.setting,
      why: describeError(error),
    });
    await deps.webex.updatePersonEcbn(person.id, decision.fallback.setting, callOptions());
    return {
      outcome: 'fallback-updated',
      decision,
      applied: decision.fallback.setting,
      reason: `${decision.fallback.reason} (zone member refused: ${refusalCode(error)})`,
      ...(decision.fallback.attention === undefined ? {} : { attention: decision.fallback.attention }),
    };
  }
}

/**
 * The person's current ECBN. A 404 here, right after the People API knew the person with a calling location, means
 * Webex Calling has not finished provisioning them: not ready (retried within the window), not a permanent failure.
 */
async function readCurrentEcbn(webex: WebexClient, personId: string, options: WebexCallOptions): Promise<PersonEcbn> {
  try {
    return await webex.getPersonEcbn(personId, options);
  } catch (error) {
    if (error instanceof WebexNotFoundError) {
      throw new PersonNotReadyError('Webex Calling does not know the person yet (ECBN read answered 404)', {
        cause: error,
      });
    }
    throw error;
  }
}

/** How the zone member was refused, for the reason: the Webex error code or status, or the read-back. */
function refusalCode(error: WebexHttpError | MemberNotAppliedError): string {
  if (error instanceof MemberNotAppliedError) return 'read back not applied';
  return String(error.errorCode ?? error.status);
}

function isConflict(error: unknown): error is WebexHttpError {
  return error instanceof WebexHttpError && error.status === 409;
}

/**
 * On 401 re-read the secret once, bypassing the cache, and run the record once more (the token may have been
 * rotated). A failing re-read keeps the original 401 (configuration) rather than an unrelated SDK error.
 */
async function runWithTokenRetry(run: () => Promise<Success>, deps: RecordDependencies): Promise<Success> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof WebexAuthenticationError)) throw error;
    try {
      await deps.tokens.refresh();
    } catch (refreshError) {
      deps.logger.error('Re-reading the Webex token secret failed', { error: describeError(refreshError) });
      throw error;
    }
    return run();
  }
}

async function zoneCandidatesFor(
  zone: ApplicableZone,
  cacheKey: string,
  personId: string,
  deps: RecordDependencies,
  callOptions: () => WebexCallOptions,
): Promise<AvailableNumber[]> {
  const cached = deps.zoneCache.get(cacheKey);
  if (cached) return cached;
  const member = zone.callbackMember;
  const filter = 'phoneNumber' in member ? { phoneNumber: [member.phoneNumber] } : {};
  const numbers = await deps.webex.listPersonEcbnAvailableNumbers(personId, filter, callOptions());
  const candidates =
    'id' in member ? numbers.filter((n) => n.owner !== undefined && sameWebexId(n.owner.id, member.id)) : numbers;
  deps.zoneCache.set(cacheKey, candidates);
  return candidates;
}

function zoneCacheKey(zone: ApplicableZone): string {
  const member = 'id' in zone.callbackMember ? webexIdKey(zone.callbackMember.id) : zone.callbackMember.phoneNumber;
  return `${webexIdKey(zone.locationId)}|${member}`;
}

/** When the event happened: its `occurredAt`, else when SQS received it. */
function eventTimeMs(event: OnboardingEvent, record: SQSRecord): number | undefined {
  if (event.occurredAt) {
    const ms = Date.parse(event.occurredAt);
    if (Number.isFinite(ms)) return ms;
  }
  const sent = Number.parseInt(record.attributes.SentTimestamp, 10);
  return Number.isFinite(sent) ? sent : undefined;
}

function buildReport(
  record: SQSRecord,
  trace: Trace,
  deps: RecordDependencies,
  startedAt: number,
  result: Pick<
    RecordReport,
    | 'outcome'
    | 'reportAsFailed'
    | 'wanted'
    | 'previous'
    | 'reason'
    | 'attention'
    | 'errorClass'
    | 'error'
    | 'deferSeconds'
    | 'deadLetterFailed'
    | 'deferFailed'
  >,
): RecordReport {
  return {
    ...result,
    messageId: record.messageId,
    eventId: trace.eventId,
    envelope: trace.envelope,
    eventType: trace.eventType,
    personId: trace.personId,
    locationId: trace.locationId,
    trackingIds: trace.trackingIds,
    attempts: trace.attempts,
    receiveCount: receiveCountOf(record),
    durationMs: Math.max(0, deps.now() - startedAt),
  };
}
