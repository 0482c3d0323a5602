/**
 * The ECBN rules engine as the function bundles it: the rules contract, the compiled-rules loader, zone matching and
 * the pure decision. The YAML parser, the rules CLI and the synth-time compiler live in `tools/rules/`.
 */
export {
  DEFAULT_RULES_DEFAULTS,
  RULES_VERSIONS,
  WITH_DIRECT_LINE_SELECTION,
  WITHOUT_DIRECT_LINE_SELECTION,
  ZONE_APPLIES_TO,
  type CallbackMember,
  type EcbnRules,
  type LocationRules,
  type WithDirectLineSelection,
  type WithoutDirectLineSelection,
  type ZoneAppliesTo,
  type ZoneRule,
} from './schema.js';
export { loadCompiledRules } from './load-compiled-rules.js';
export { validateRulesValue } from './validate-rules.js';
export {
  callbackMemberKey,
  findApplicableZone,
  findLocationRules,
  normalizeLabel,
  zoneLabel,
  zoneMatchKey,
  type ApplicableZone,
  type PersonFacts,
  type Workplace,
} from './zone-match.js';
export {
  DECISION_REASON,
  NO_VALID_ECBN_ATTENTION,
  decideEcbn,
  type DecisionInput,
  type EcbnDecision,
} from './decide-ecbn.js';
export { isE164, normalizePhoneNumber, samePhoneNumber } from './phone-number.js';
export { RECOMMENDED_OWNER_TYPES, assessCallbackMember, type CallbackMemberAssessment } from './zone-member.js';
