/**
 * The apply step: PUT the decided ECBN; when Webex refuses a zone member, PUT the decision's documented fallback.
 */
import {
  EcbnUpdateRefusedError,
  MemberNotAppliedError,
  WebexBadRequestError,
  WebexHttpError,
  WebexNotFoundError,
  describeError,
} from '../errors.js';
import type { EcbnDecision } from '../rules/decide-ecbn.js';
import type { EcbnSetting } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';
import { confirmMemberApplied } from './member-read-back.js';
import type { StructuredLogger } from './process-record.js';
import { zoneCacheKey } from './zone-candidates.js';
import type { ZoneCandidatesCache } from './zone-candidates-cache.js';

export interface Applied {
  readonly outcome: 'updated' | 'fallback-updated';
  /** What was PUT when it is not `decision.wanted`. */
  readonly applied?: EcbnSetting;
  readonly reason?: string;
  readonly attention?: string;
}

/**
 * @throws EcbnUpdateRefusedError when Webex refuses the zone member and no fallback applies; any Webex error otherwise.
 *
 * @example
 * await applyDecision(personId, decision, { webex, zoneCache, logger }, options, { eventId });
 */
export async function applyDecision(
  personId: string,
  decision: EcbnDecision,
  deps: { readonly webex: WebexClient; readonly zoneCache: ZoneCandidatesCache; readonly logger: StructuredLogger },
  options: () => WebexCallOptions,
  facts: {
    readonly eventId?: string | undefined;
    /** Read a member PUT back (its candidates came from the cache and may be stale). */
    readonly readBack: boolean;
  },
): Promise<Applied> {
  const wanted = decision.wanted;
  try {
    await deps.webex.updatePersonEcbn(personId, wanted, options());
    if (wanted.selected === 'LOCATION_MEMBER_NUMBER' && facts.readBack) {
      await confirmMemberApplied(deps.webex, personId, wanted.locationMemberId, options(), (why) => {
        if (decision.zone) deps.zoneCache.evict(zoneCacheKey(decision.zone));
        deps.logger.warn('Could not read the zone member back; the accepted PUT stands', {
          eventId: facts.eventId,
          personId,
          why: describeError(why),
        });
      });
    }
    return { outcome: 'updated' };
  } catch (error) {
    // Webex does not document how it refuses a bad member (400 is what we expect; 404/409 are possible too): any of
    // them means "not this member", so the documented fallback is put instead. A member accepted but read back
    // unusable (MemberNotAppliedError) is handled the same way.
    const refusedMember =
      (error instanceof WebexBadRequestError ||
        error instanceof WebexNotFoundError ||
        isConflict(error) ||
        error instanceof MemberNotAppliedError) &&
      wanted.selected === 'LOCATION_MEMBER_NUMBER';
    if (!refusedMember) throw error;
    if (decision.zone) deps.zoneCache.evict(zoneCacheKey(decision.zone));
    if (!decision.fallback) {
      throw new EcbnUpdateRefusedError(
        `Webex refused the zone member and no fallback applies: ${describeError(error)}`,
        { cause: error },
      );
    }
    deps.logger.warn('Webex refused the zone member; putting the documented fallback', {
      eventId: facts.eventId,
      personId,
      refused: decision.wanted,
      fallback: decision.fallback.setting,
      why: describeError(error),
    });
    await deps.webex.updatePersonEcbn(personId, decision.fallback.setting, options());
    return {
      outcome: 'fallback-updated',
      applied: decision.fallback.setting,
      reason: `${decision.fallback.reason} (zone member refused: ${refusalCode(error)})`,
      ...(decision.fallback.attention === undefined ? {} : { attention: decision.fallback.attention }),
    };
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
