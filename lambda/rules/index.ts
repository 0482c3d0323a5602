/** The ECBN rules engine: the rules file contract, its parser, and the pure decision. */
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
export { parseRules } from './parse-rules.js';
export { DEFAULT_RULES_FILE, loadRulesFile } from './load-rules.js';
export { compileRules, loadCompiledRules } from './load-compiled-rules.js';
export { validateRulesValue } from './validate-rules.js';
export { describeDefaults, summarizeRules } from './summarize.js';
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
