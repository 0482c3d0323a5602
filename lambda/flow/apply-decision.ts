/**
 * The apply step: PUT the decided ECBN; when Webex refuses a zone member, PUT the decision's documented fallback.
 */
import {
  EcbnUpdateRefusedError,
  WebexBadRequestError,
  WebexHttpError,
  WebexNotFoundError,
  describeError,
} from '../errors.js';
import type { EcbnDecision } from '../rules/decide-ecbn.js';
import type { EcbnSetting } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';
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
  logFields: { readonly eventId?: string | undefined },
): Promise<Applied> {
  try {
    await deps.webex.updatePersonEcbn(personId, decision.wanted, options());
    return { outcome: 'updated' };
  } catch (error) {
    // Webex does not document how it refuses a bad member (400 is what we expect; 404/409 are possible too): any of
    // them means "not this member", so the documented fallback is put instead.
    const refusedMember =
      (error instanceof WebexBadRequestError || error instanceof WebexNotFoundError || isConflict(error)) &&
      decision.wanted.selected === 'LOCATION_MEMBER_NUMBER';
    if (!refusedMember) throw error;
    if (decision.zone) deps.zoneCache.evict(zoneCacheKey(decision.zone));
    if (!decision.fallback) {
      throw new EcbnUpdateRefusedError(
        `Webex refused the zone member and no fallback applies: ${describeError(error)}`,
        { cause: error },
      );
    }
    deps.logger.warn('Webex refused the zone member; putting the documented fallback', {
      eventId: logFields.eventId,
      personId,
      refused: decision.wanted,
      fallback: decision.fallback.setting,
      why: describeError(error),
    });
    await deps.webex.updatePersonEcbn(personId, decision.fallback.setting, options());
    return {
      outcome: 'fallback-updated',
      applied: decision.fallback.setting,
      reason: `${decision.fallback.reason} (zone member refused: ${error.errorCode ?? error.status ?? 'error'})`,
      ...(decision.fallback.attention === undefined ? {} : { attention: decision.fallback.attention }),
    };
  }
}

function isConflict(error: unknown): error is WebexHttpError {
  return error instanceof WebexHttpError && error.status === 409;
}
