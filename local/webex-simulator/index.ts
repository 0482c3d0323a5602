/**
 * Webex Calling API simulator: the people, person ECBN and location ECBN endpoints of the real API on 127.0.0.1,
 * seeded from an org fixture, with knobs for rate limits, faults and latency. The only public surface.
 */
export { startWebexSimulator } from './server.js';
export type { SimulatorKnobs, WebexSimulator, WebexSimulatorOptions } from './types.js';
export { FULL_SCOPES, SCOPE, type SimToken } from './auth.js';
export type { AccessTokenResponse, SimGrant, SimOAuthClient } from './oauth.js';
export { SERVICE_APP_PERSON_ID } from './routes/people-me.js';
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { LoggedRequest } from './request-log.js';
export { seededRandom } from './random.js';
export { OrgState, type PersonEcbnSetting, type PersonPatch } from './org-state.js';
export {
  orgFixtureSchema,
  parseOrgFixture,
  personFixtureSchema,
  type OrgFixture,
  type OrgFixtureInput,
  type PersonFixtureInput,
} from './org-fixture.js';
export { DEMO_ORG_PATH, loadOrgFixture } from './load-org.js';
export type { PersonEcbnView, EcbnDependenciesView, LocationEcbnView } from './ecbn-semantics.js';
export type { AvailableNumberView, AvailableNumbersFilter } from './available-numbers.js';
export type { MemberType, NumberState, EcbnQuality, PersonEcbnSettingState } from './records.js';
