/**
 * The pure part of the audit: what the function would decide for a person (`decideEcbn`, the same zone lookup) and
 * what that makes the person in the report. No I/O.
 */
import { decideEcbn, type EcbnDecision } from '../rules/decide-ecbn.js';
import type { EcbnRules } from '../rules/schema.js';
import { findApplicableZone, type ApplicableZone, type PersonFacts, type Workplace } from '../rules/zone-match.js';
import { sameWebexId } from '../webex/ids.js';
import type { AvailableNumber, PersonEcbn } from '../webex/models.js';
import type { Placement } from './placement-lookup.js';
import { NOT_READ, type AuditRecord, type AuditSetting } from './report-record.js';

/** Who the record is about, as the People listing gave it. */
export interface AuditedPerson {
  readonly personId: string;
  readonly email: string;
  /** The Webex Calling location; `undefined` = not a calling user. */
  readonly locationId: string | undefined;
}

/**
 * The workplace to decide with: the placement's building and floor, unless the placement names another location than
 * the person's Webex Calling location (the person moved since: that building is not theirs any more).
 *
 * @example
 * workplaceFor({ locationId: hq, building: 'B2', floor: '3' }, hq); // { workplace: { building: 'B2', floor: '3' } }
 */
export function workplaceFor(
  placement: Placement | undefined,
  locationId: string,
): { workplace?: Workplace; ignored?: string } {
  if (placement?.building === undefined || placement.building.trim() === '') return {};
  if (placement.locationId !== undefined && !sameWebexId(placement.locationId, locationId)) {
    return { ignored: 'placement is for another location than the Webex Calling one: ignored' };
  }
  return {
    workplace: { building: placement.building, ...(placement.floor === undefined ? {} : { floor: placement.floor }) },
  };
}

/** The zone (if any) whose candidates the decision needs; same lookup as the function's. */
export function zoneFor(
  rules: EcbnRules,
  facts: PersonFacts,
  workplace: Workplace | undefined,
): ApplicableZone | undefined {
  return findApplicableZone(rules, facts, workplace);
}

/** A record of a person without a Webex Calling location. */
export function notCallingRecord(person: AuditedPerson): AuditRecord {
  return {
    personId: person.personId,
    email: person.email,
    locationId: null,
    placement: null,
    status: 'not-calling',
    current: { selected: NOT_READ },
    wanted: null,
    reason: 'no Webex Calling location',
  };
}

/** A record of a calling person whose ECBN (or zone numbers) could not be read: loud, never counted compliant. */
export function unreadableRecord(person: AuditedPerson, workplace: Workplace | undefined, why: string): AuditRecord {
  return {
    personId: person.personId,
    email: person.email,
    locationId: person.locationId ?? null,
    placement: placementOf(workplace),
    status: 'attention',
    current: { selected: NOT_READ },
    wanted: null,
    reason: `not audited: ${why}`,
    attention: 'emergency callback number could not be read',
  };
}

/**
 * Decides as the function would and classifies the person.
 *
 * @example
 * const record = classifyPerson({ person, facts, workplace, rules, current, zoneCandidates });
 * record.status; // 'drift' when the function would change the setting
 */
export function classifyPerson(input: {
  person: AuditedPerson;
  facts: PersonFacts;
  workplace: Workplace | undefined;
  rules: EcbnRules;
  current: PersonEcbn;
  zoneCandidates: AvailableNumber[] | undefined;
  /** A note on the reason (e.g. a placement that was ignored). */
  note?: string | undefined;
}): AuditRecord {
  const decision = decideEcbn({
    person: input.facts,
    ...(input.workplace === undefined ? {} : { workplace: input.workplace }),
    rules: input.rules,
    current: input.current,
    ...(input.zoneCandidates === undefined ? {} : { zoneCandidates: input.zoneCandidates }),
  });
  const record: AuditRecord = {
    personId: input.person.personId,
    email: input.person.email,
    locationId: input.facts.locationId,
    placement: placementOf(input.workplace),
    status: statusOf(decision),
    current: currentOf(input.current),
    wanted: { ...decision.wanted },
    reason: input.note === undefined ? decision.reason : `${decision.reason} (${input.note})`,
  };
  if (decision.attention !== undefined) record.attention = decision.attention;
  return record;
}

function statusOf(decision: EcbnDecision): AuditRecord['status'] {
  if (decision.attention !== undefined) return 'attention';
  return decision.changed ? 'drift' : 'compliant';
}

function currentOf(current: PersonEcbn): AuditSetting {
  const selected = current.selected ?? 'NONE';
  const memberId = current.locationMemberInfo?.memberId;
  return selected === 'LOCATION_MEMBER_NUMBER' && memberId !== undefined
    ? { selected, locationMemberId: memberId }
    : { selected };
}

function placementOf(workplace: Workplace | undefined): AuditRecord['placement'] {
  if (workplace?.building === undefined) return null;
  return { building: workplace.building, floor: workplace.floor ?? '' };
}
