/**
 * A zone member that disappears (issue 11 §4): the people the function pointed at it are reconciled at once, by
 * publishing one `ecbn.reconcile` per dependent on the source queue, instead of waiting for the next audit.
 *
 * When is a member lost (worked out without extra DynamoDB calls, see docs/member-loss.md):
 * - a fresh `availableNumbers` read for a zone shows its member INACTIVE or no longer there (`lostZoneMember`);
 * - Webex refuses the member on PUT, or reads it back INVALID (cached candidates were stale): `refused`;
 * - an HR `user.moved` of a person who is a zone member of the rules (`isZoneMemberPerson`: in memory);
 * - an HR `user.deleted` (acted on for this only; one ledger Query, no lease, no ECBN write).
 * Only then is the ledger queried (`listDependents`: one Query on the `byMember` index). Webex's own count
 * (`dependentMemberCount`, people members: the client's documented dependencies read) is compared with the ledger's:
 * Webex counting more means someone else points people at the member.
 */
import { describeError } from '../errors.js';
import { MEMBER_LOST_EVENT_ID_PREFIX, memberLostReconcileEvent } from '../audit/reconcile-event.js';
import { webexDependentCount } from '../audit/dependency-check.js';
import type { LedgerDependent, PersonLedger } from '../ledger/types.js';
import type { EcbnRules } from '../rules/schema.js';
import { assessCallbackMember } from '../rules/zone-member.js';
import { samePhoneNumber } from '../rules/phone-number.js';
import type { ApplicableZone } from '../rules/zone-match.js';
import { sameWebexId, webexIdKey } from '../webex/ids.js';
import type { AvailableNumber, WebexPerson } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';

/** Why a member counts as lost. */
export type MemberLossCause = 'inactive' | 'gone' | 'refused' | 'user.moved' | 'user.deleted';

export interface LostMember {
  readonly memberId: string;
  readonly cause: MemberLossCause;
}

/** Sends message bodies to the source queue (SQS `SendMessageBatch`, ≤ 10 a call). Rejects if any is refused. */
export interface SourcePublisher {
  publish(bodies: readonly string[]): Promise<void>;
}

/** One reconcile per dependent per lost member per window: the container remembers which members it handled. */
export interface MemberLossWindow {
  /** The window number `now` falls in, or `undefined` when this member was already handled in it. */
  claim(memberId: string): number | undefined;
  /** Forgets a claim whose handling failed, so the next sighting in the window tries again. */
  release(memberId: string): void;
}

/** @default 5 minutes: long enough to absorb a burst of records that all see the same lost member. */
export const MEMBER_LOSS_WINDOW_MS = 5 * 60_000;

/**
 * @example
 * const window = createMemberLossWindow(Date.now);
 * window.claim(memberId); // 5912345 (first sighting), then undefined until the window ends
 */
export function createMemberLossWindow(now: () => number, windowMs = MEMBER_LOSS_WINDOW_MS): MemberLossWindow {
  const handled = new Map<string, number>();
  return {
    claim(memberId) {
      const window = Math.floor(now() / windowMs);
      const key = webexIdKey(memberId);
      if (handled.get(key) === window) return undefined;
      // Bounded: entries of past windows are useless.
      if (handled.size > 1_000) handled.clear();
      handled.set(key, window);
      return window;
    },
    release(memberId) {
      handled.delete(webexIdKey(memberId));
    },
  };
}

export interface MemberLossDependencies {
  readonly publisher: SourcePublisher;
  readonly window: MemberLossWindow;
}

/** What the loss handling did, for the record's log line and metrics. */
export interface MemberLossReport {
  readonly memberId: string;
  readonly cause: MemberLossCause;
  /** People the ledger says point at the member (the person of the record excluded). */
  readonly dependents: number;
  /** Reconcile events published (0 when already handled in this window). */
  readonly published: number;
  /** Webex's `dependentMemberCount`, when it could be read (people members only). */
  readonly webexCount?: number | undefined;
  /** Webex counts more dependents than the ledger knows: someone else points people at the member. */
  readonly mismatch: boolean;
  /** The window already handled this member in this container: nothing queried or published. */
  readonly duplicate?: boolean;
  /** The dependents could not be looked up or published (they wait for the next audit: loud). */
  readonly error?: string;
}

/**
 * The lost member of a zone, from a fresh read of the person's available numbers, or `undefined`. A member given by
 * number that is gone has no id the ledger knows: not reported (the audit finds its dependents).
 *
 * @example
 * lostZoneMember(zone, numbers); // { memberId: zone.callbackMember.id, cause: 'inactive' }
 */
export function lostZoneMember(zone: ApplicableZone, numbers: readonly AvailableNumber[]): LostMember | undefined {
  const member = zone.callbackMember;
  const assessed = assessCallbackMember(member, numbers);
  if (assessed.kind === 'usable' || assessed.kind === 'unowned') return undefined;
  const cause = assessed.kind === 'inactive' ? 'inactive' : 'gone';
  if ('id' in member) return { memberId: member.id, cause };
  const owner = numbers.find((n) => samePhoneNumber(n.phoneNumber, member.phoneNumber))?.owner?.id;
  return owner === undefined ? undefined : { memberId: owner, cause };
}

/**
 * True when the person is a zone's callback member in the rules (by id, or by their direct number): a `user.moved`
 * of such a person may strand the people pointed at them. In memory: no ledger read for ordinary people.
 */
export function isZoneMemberPerson(rules: EcbnRules, person: Pick<WebexPerson, 'id' | 'phoneNumbers'>): boolean {
  const numbers = (person.phoneNumbers ?? []).filter((n) => n.type === 'work').map((n) => n.value);
  return rules.locations.some((location) =>
    location.zones.some((zone) => {
      const member = zone.callbackMember;
      return 'id' in member
        ? sameWebexId(member.id, person.id)
        : numbers.some((number) => samePhoneNumber(number, member.phoneNumber));
    }),
  );
}

/** True for the reconciles this module publishes: they never start another round (no chains). */
export function isMemberLossReconcile(eventId: string): boolean {
  return eventId.startsWith(MEMBER_LOST_EVENT_ID_PREFIX);
}

/**
 * Looks up the member's dependents (one ledger Query), publishes a reconcile for each (but `exceptPersonId`, whose
 * own record is deciding them right now), and compares with Webex's count. Never rejects: a failure is in the report.
 */
export async function reconcileDependents(
  lost: LostMember,
  deps: {
    readonly ledger: PersonLedger;
    readonly webex: WebexClient;
    readonly memberLoss: MemberLossDependencies;
    readonly now: () => number;
  },
  context: {
    readonly exceptPersonId?: string | undefined;
    readonly orgId?: string | undefined;
    call: WebexCallOptions;
  },
): Promise<MemberLossReport> {
  const window = deps.memberLoss.window.claim(lost.memberId);
  if (window === undefined) return { ...lost, dependents: 0, published: 0, mismatch: false, duplicate: true };
  let dependents: LedgerDependent[] = [];
  let excluded = 0;
  let webexCount: number | undefined;
  try {
    const all = await deps.ledger.listDependents(lost.memberId);
    dependents = all.filter((dependent) => !sameWebexId(dependent.personId, context.exceptPersonId));
    excluded = all.length - dependents.length;
    // Counted before publishing: the reconciles then move people off the member and Webex's count drops.
    webexCount = await readWebexCount(deps.webex, lost, context.call);
    const seenAt = new Date(deps.now()).toISOString();
    const events = dependents.map((dependent) =>
      memberLostReconcileEvent(dependent, { memberId: lost.memberId, seenAt, window, orgId: context.orgId }),
    );
    if (events.length > 0) await deps.memberLoss.publisher.publish(events.map((event) => JSON.stringify(event)));
  } catch (error) {
    deps.memberLoss.window.release(lost.memberId);
    return {
      ...lost,
      dependents: dependents.length,
      published: 0,
      webexCount,
      mismatch: false,
      error: describeError(error),
    };
  }
  // The person of the record, if the ledger still listed them, may still be counted by Webex too.
  const known = dependents.length + excluded;
  return {
    ...lost,
    dependents: dependents.length,
    published: dependents.length,
    webexCount,
    mismatch: webexCount !== undefined && webexCount > known,
  };
}

/** Webex's count; `undefined` for members the client cannot count, or when the read fails (a deleted person: 404). */
async function readWebexCount(
  webex: WebexClient,
  lost: LostMember,
  call: WebexCallOptions,
): Promise<number | undefined> {
  try {
    return await webexDependentCount(webex, lost.memberId, call);
  } catch {
    return undefined;
  }
}
