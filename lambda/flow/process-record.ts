/**
 * The per-record flow: SQS record → onboarding event → person → ledger lease and ordering check (`stale` when older
 * than the newest applied) → current ECBN → decision → PUT (or not) → ledger commit → member-loss reconciles.
 *
 * A plain async function (no middy, no globals): the handler maps it over a batch. It never throws; every failure is
 * classified once (`classifyError`) and turned into an outcome by `settleFailure`: dead-lettered with its reason, or
 * deferred through the queue. The returned report is logged as exactly one structured line.
 */
import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import {
  InvalidEventError,
  LedgerAccessError,
  LedgerUnavailableError,
  WebexAuthenticationError,
  WebexRateLimitedError,
  PersonNotReadyError,
  WebexNotFoundError,
  describeError,
} from '../errors.js';
import { parseEventBody } from '../events/index.js';
import { USER_DELETED_EVENT_TYPE, foldEventType } from '../events/event-type.js';
import type { BackoffPolicy } from '../failures/backoff.js';
import { settleFailure, type FailureContext } from '../failures/settle-failure.js';
import { receiveCountOf } from '../failures/queue-actions.js';
import { RECONCILE_EVENT_TYPE, effectiveWorkplace, placementOf, staleReason } from '../ledger/ordering.js';
import type { Lease, PersonLedger } from '../ledger/types.js';
import { decideEcbn, type EcbnDecision } from '../rules/decide-ecbn.js';
import type { EcbnRules } from '../rules/schema.js';
import { findApplicableZone, type Workplace } from '../rules/zone-match.js';
import { sameWebexId } from '../webex/ids.js';
import type { EcbnSetting, PersonEcbn } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';
import { applyDecision } from './apply-decision.js';
import { MAX_EVENT_TIME_AHEAD_MS, eventTimeMs } from './event-time.js';
import { commitFor } from './ledger-commit.js';
import { checkEventOrg, checkPersonOrg } from './org-check.js';
import type { RateGate } from './rate-gate.js';
// A 429 without Retry-After: the same wait the Webex client's own retry uses.
import { RATE_LIMITED_DEFAULT_WAIT_SECONDS as DEFAULT_RATE_LIMIT_PAUSE_SECONDS } from '../webex/retry-policy.js';
import type { Outcome, RecordReport } from './record-report.js';
import { hasDirectLine, resolvePerson } from './resolve-person.js';
import { zoneCandidatesFor } from './zone-candidates.js';
import type { ZoneCandidatesCache } from './zone-candidates-cache.js';
import {
  isMemberLossReconcile,
  isZoneMemberPerson,
  lostZoneMember,
  reconcileDependents,
  type LostMember,
  type MemberLossDependencies,
} from './member-loss.js';
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
  /** The person ledger: ordering watermark, placement, last decision, history, one writer per person. */
  readonly ledger: PersonLedger;
  /** Reconciles the people pointed at a lost zone member (source queue publisher, de-duplication window). */
  readonly memberLoss: MemberLossDependencies;
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
  /** For the ledger only (never logged: the email is personal data). */
  email?: string;
  personOrgId?: string;
  workplace?: Workplace | undefined;
  workplaceFrom?: RecordReport['workplaceFrom'];
  /** A zone member this record found lost: its dependents are reconciled once the record is done. */
  lostMember?: LostMember;
}

/** HR's move of a person: a zone member who moves may strand the people pointed at them. */
const USER_MOVED_EVENT_TYPE = 'user.moved';

/** The person's lease while this record holds it. */
interface LeaseHold {
  /** Unique per record run: a message delivered twice at once is two writers, not one. */
  readonly owner: string;
  /** The lease outlives the record's deadline (after which no Webex call runs) by the commit's margin. */
  readonly until: number;
  lease?: Lease;
}

/** How long after the record's deadline its lease still holds: time for the commit write. */
const LEASE_MARGIN_MS = 5_000;

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

  const hold: LeaseHold = { owner: `${record.messageId}/${randomUUID()}`, until: options.deadline + LEASE_MARGIN_MS };
  let report: RecordReport;
  try {
    const success = await runWithTokenRetry(() => runFlow(record, deps, trace, callOptions, hold), deps);
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
    await releaseAfterFailure(hold, report, trace, deps);
    return withMemberLoss(report, trace, deps, callOptions);
  }
  if (hold.lease !== undefined) {
    try {
      await deps.ledger.finish(hold.lease, commitFor(report, commitFacts(trace, deps)));
    } catch (error) {
      // Webex may already hold the decision, but the ledger does not know it: redo the record later (it is
      // idempotent), rather than leave a watermark behind.
      return withMemberLoss(await settleAndReport(record, error, trace, deps, startedAt), trace, deps, callOptions);
    }
  }
  // After the commit: this person's own ECBN no longer points at the member in the ledger.
  return withMemberLoss(report, trace, deps, callOptions);
}

/**
 * Reconciles the dependents of a member this record found lost, whatever became of the record itself: a loss seen on a
 * fresh zone read is not seen again by the record's retry, which reads the candidates from the cache.
 */
async function withMemberLoss(
  report: RecordReport,
  trace: Trace,
  deps: RecordDependencies,
  callOptions: () => WebexCallOptions,
): Promise<RecordReport> {
  if (trace.lostMember === undefined) return report;
  const memberLoss = await reconcileDependents(trace.lostMember, deps, {
    exceptPersonId: trace.personId,
    orgId: trace.orgId,
    call: callOptions(),
  });
  return { ...report, memberLoss };
}

/** The facts of this record the ledger commit needs. */
function commitFacts(trace: Trace, deps: RecordDependencies): Parameters<typeof commitFor>[1] {
  return {
    now: deps.now(),
    eventAt: trace.occurredAtMs ?? deps.now(),
    eventId: trace.eventId ?? '',
    eventType: trace.eventType ?? '',
    mode: deps.settings.dryRun
      ? 'history-only'
      : foldEventType(trace.eventType ?? '') === RECONCILE_EVENT_TYPE
        ? 'reconcile'
        : 'hr',
    ...(trace.locationId === undefined ? {} : { placement: placementOf(trace.locationId, trace.workplace) }),
    email: trace.email,
    orgId: trace.personOrgId,
  };
}

/** A failed record that held the lease records its outcome and lets go; if that fails too, the lease expires. */
async function releaseAfterFailure(
  hold: LeaseHold,
  report: RecordReport,
  trace: Trace,
  deps: RecordDependencies,
): Promise<void> {
  if (hold.lease === undefined) return;
  try {
    await deps.ledger.finish(hold.lease, commitFor(report, commitFacts(trace, deps)));
  } catch (error) {
    deps.logger.warn('Could not record the failed outcome in the ledger; the person lease will expire', {
      eventId: trace.eventId,
      personId: trace.personId,
      error: describeError(error),
    });
  }
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
    ledgerFailed: error instanceof LedgerUnavailableError || error instanceof LedgerAccessError,
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
  hold: LeaseHold,
): Promise<Success> {
  // 1. Parse and unwrap (throws InvalidEventError: permanent). `ecbn.reconcile` is always accepted (docs/ledger.md).
  const parsed = parseEventBody(record.body, {
    messageId: record.messageId,
    acceptedEventTypes: [...deps.settings.acceptedEventTypes, RECONCILE_EVENT_TYPE, USER_DELETED_EVENT_TYPE],
  });
  trace.envelope = parsed.envelope;
  if (parsed.kind === 'skipped') {
    trace.eventId = parsed.eventId;
    trace.eventType = parsed.eventType.slice(0, 128);
    return { outcome: 'skipped', reason: `event type ${trace.eventType} is not acted on` };
  }
  const event = parsed.event;
  // Compared folded, as the parser accepted it: `ECBN.Reconcile` is a reconcile (never an HR event moving the watermark).
  const eventType = foldEventType(event.eventType);
  const reconcile = eventType === RECONCILE_EVENT_TYPE;
  trace.eventId = event.eventId;
  trace.eventType = event.eventType;
  trace.occurredAtMs = eventTimeMs(event, record);
  if (trace.occurredAtMs !== undefined && trace.occurredAtMs > deps.now() + MAX_EVENT_TIME_AHEAD_MS) {
    throw new InvalidEventError('occurredAt: more than 24 hours in the future (it would hold back every later event)');
  }
  if (reconcile && event.person.id === undefined) {
    throw new InvalidEventError('person.id: required for ecbn.reconcile');
  }
  checkEventOrg(event.orgId, deps.settings.allowedOrgIds);
  trace.orgId = event.orgId;
  if (eventType === USER_DELETED_EVENT_TYPE) return personDeleted(event.person.id, trace);

  // 2. Resolve the person (not found / no calling location → PersonNotReadyError: transient until the window ends).
  // A reconcile decides from where the person is now: the audit's location only qualifies its workplace.
  const { locationId: auditLocation, ...withoutLocation } = event;
  const { person, locationId } = await resolvePerson(deps.webex, reconcile ? withoutLocation : event, callOptions());
  trace.personId = person.id;
  trace.locationId = locationId;
  trace.email = event.person.email ?? person.emails?.[0];
  trace.personOrgId = person.orgId;
  checkPersonOrg({ personOrgId: person.orgId, eventOrgId: event.orgId }, deps.settings.allowedOrgIds);

  // 3. One writer per person: take the lease (throws LedgerBusyError: deferred briefly), then the ordering check.
  const lease = await deps.ledger.acquire(person.id, hold.owner, hold.until);
  hold.lease = lease;
  const stale = staleReason(lease.state.newest, {
    at: trace.occurredAtMs ?? deps.now(),
    eventId: event.eventId,
    eventType: reconcile ? RECONCILE_EVENT_TYPE : event.eventType,
  });
  if (stale) return { outcome: 'stale', reason: stale };
  if (eventType === USER_MOVED_EVENT_TYPE && isZoneMemberPerson(deps.rules, person)) {
    trace.lostMember = { memberId: person.id, cause: 'user.moved' };
  }
  const auditSawOtherLocation = auditLocation !== undefined && !sameWebexId(auditLocation, locationId);
  const { workplace, source } = effectiveWorkplace(
    reconcile && auditSawOtherLocation ? undefined : event.workplace,
    lease.state.placement,
    locationId,
  );
  trace.workplace = workplace;
  trace.workplaceFrom = source;

  // 4. Current ECBN, and the zone (worked out once) with its candidate numbers.
  const current = await readCurrentEcbn(deps.webex, person.id, callOptions());
  const facts = {
    personId: person.id,
    locationId,
    hasDirectLine: hasDirectLine(person, current.directLineInfo),
    ...(person.extension === undefined ? {} : { extension: person.extension }),
  };
  const zone = findApplicableZone(deps.rules, facts, workplace);
  // A reconcile reads the zone's numbers afresh: a cached "usable" would keep a person on a member just lost.
  const candidates = zone
    ? await zoneCandidatesFor(zone, person.id, deps, callOptions(), { fresh: reconcile })
    : undefined;
  const zoneCandidates = candidates?.numbers;
  // A fresh read is where a deactivated or vanished member shows (reconciles of a loss never start another round).
  if (zone && candidates?.fromCache === false && !isMemberLossReconcile(event.eventId)) {
    trace.lostMember ??= lostZoneMember(zone, candidates.numbers);
  }

  // 5. Decide (pure), then apply.
  const decision = decideEcbn({
    person: facts,
    rules: deps.rules,
    current,
    zone: zone ?? null,
    ...(zoneCandidates === undefined ? {} : { zoneCandidates }),
  });
  trace.wanted = decision.wanted;
  trace.previous = decision.previous;
  if (!decision.changed) return { outcome: 'unchanged', decision };
  if (deps.settings.dryRun) return { outcome: 'would-update', decision };
  const applied = await applyDecision(person.id, decision, deps, callOptions, {
    eventId: trace.eventId,
    // Candidates read by an earlier record may be stale (a number deactivated since): such a member PUT is read back.
    readBack: candidates?.fromCache === true,
  });
  // Webex refused the zone member (or read it back INVALID): it is lost for everyone pointed at it too.
  const wanted = decision.wanted;
  if (
    applied.outcome === 'fallback-updated' &&
    wanted.selected === 'LOCATION_MEMBER_NUMBER' &&
    !isMemberLossReconcile(event.eventId)
  ) {
    trace.lostMember ??= { memberId: wanted.locationMemberId, cause: 'refused' };
  }
  return { ...applied, decision };
}

/**
 * `user.deleted`: no ECBN write for the deleted person (Webex removes them); the people pointed at them are
 * reconciled once the record is done. Needs `person.id` (a deleted person cannot be looked up by email).
 */
function personDeleted(personId: string | undefined, trace: Trace): Success {
  if (personId === undefined) {
    return {
      outcome: 'skipped',
      reason: 'user.deleted without person.id: the people pointed at them are not looked up',
    };
  }
  trace.personId = personId;
  trace.lostMember = { memberId: personId, cause: 'user.deleted' };
  return { outcome: 'skipped', reason: 'user.deleted: only the people pointed at the person are reconciled' };
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
    | 'ledgerFailed'
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
    ...(trace.workplaceFrom === undefined ? {} : { workplaceFrom: trace.workplaceFrom }),
    trackingIds: trace.trackingIds,
    attempts: trace.attempts,
    receiveCount: receiveCountOf(record),
    durationMs: Math.max(0, deps.now() - startedAt),
  };
}
