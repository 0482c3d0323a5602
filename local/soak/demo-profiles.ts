/**
 * The kinds of synthetic people the soak creates in the demo org (`examples/demo-org.json`), each with the ECBN that
 * `config/ecbn-rules.yaml` gives it, written down by hand: the soak's oracle is this table, not the handler's own
 * decision code. `test/unit/soak/demo-profiles.test.ts` checks every row against `decideEcbn` on the simulator's view,
 * and the soak itself checks every row against the real handler's final result.
 *
 * Why each answer (rules file, "How a person's ECBN is chosen"):
 * - a zone of the person's location whose building+floor matches the event's workplace, for people without a direct
 *   line → that floor's workspace phone (LOCATION_MEMBER_NUMBER);
 * - the B2/2 phone's number is INACTIVE → the documented fallback, LOCATION_ECBN for extension-only people;
 * - a direct line → DIRECT_LINE (zones apply to `withoutDirectLine` only);
 * - anyone else → LOCATION_ECBN (no building-wide zones; zones belong to one location).
 */
import type { PersonEcbnSetting } from '../webex-simulator/index.js';

/** Demo org ids (stable: the rules file and the sample events use them too). */
export const DEMO_IDS = {
  sanJoseHq: 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDAwYzAwMQ',
  austin: 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDAwYzAwMg',
  /** Workspace "SJ-B1-F1 Lobby Phone", zone HQ/B1/1. */
  b1f1Phone: 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIxMQ',
  /** Workspace "SJ-B1-F2 Callback Phone", zone HQ/B1/2. */
  b1f2Phone: 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIxMg',
  /** Workspace "SJ-B2-F1 Callback Phone", zone HQ/B2/1 (the rules name it by its number). */
  b2f1Phone: 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIyMQ',
  /** Workspace "SJ-B2-F2 Callback Phone", zone HQ/B2/2; its number is INACTIVE. */
  b2f2Phone: 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIyMg',
  /** Workspace "AUS Reception Phone" (the Austin location's own ECBN member). */
  austinReception: 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGEwMQ',
  /** Virtual line "SJ Security Desk" (NOT_RECOMMENDED as an ECBN). */
  hqSecurityDesk: 'Y2lzY29zcGFyazovL3VzL1ZJUlRVQUxfTElORS81ZTBjMmI3YS00ZDFmLTRjOGUtOWE2Yi0wMDAwMDAwZjAwMDE',
  /** Hunt group "SJ Front Desk" (NOT_RECOMMENDED as an ECBN). */
  hqFrontDesk: 'Y2lzY29zcGFyazovL3VzL0hVTlRfR1JPVVAvNWUwYzJiN2EtNGQxZi00YzhlLTlhNmItMDAwMDAwYWIwMDAx',
} as const;

/** Where an event says the person sits (as an HR system sends it: odd case, spaces, numbers). */
export interface ProfileWorkplace {
  readonly building?: string;
  readonly floor?: string | number;
}

/** One kind of person, with the ECBN the rules give it and settings it may wrongly have before its event. */
export interface SoakProfile {
  readonly name: string;
  readonly locationId: string;
  readonly hasDirectLine: boolean;
  readonly workplace?: ProfileWorkplace;
  /** What the rules give this person (the oracle). */
  readonly expected: PersonEcbnSetting;
  /** Settings the person may have before the event that the rules do not give (never-configured, moved, …). */
  readonly wrongInitial: readonly PersonEcbnSetting[];
}

const member = (id: string): PersonEcbnSetting => ({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: id });
const NONE: PersonEcbnSetting = { selected: 'NONE' };
const DIRECT_LINE: PersonEcbnSetting = { selected: 'DIRECT_LINE' };
const LOCATION_ECBN: PersonEcbnSetting = { selected: 'LOCATION_ECBN' };

/**
 * Every profile, spread over both demo locations, every zone, with and without a direct line.
 *
 * @example
 * SOAK_PROFILES.find((p) => p.name === 'hq-b1f1-extension')?.expected; // LOCATION_MEMBER_NUMBER, the B1/1 phone
 */
export const SOAK_PROFILES: readonly SoakProfile[] = Object.freeze([
  {
    name: 'hq-direct-line',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: true,
    expected: DIRECT_LINE,
    wrongInitial: [NONE, LOCATION_ECBN, member(DEMO_IDS.hqFrontDesk)],
  },
  {
    name: 'hq-extension',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    expected: LOCATION_ECBN,
    wrongInitial: [NONE, member(DEMO_IDS.b1f1Phone), member(DEMO_IDS.hqSecurityDesk)],
  },
  {
    name: 'hq-b1f1-extension',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: 'B1', floor: '1' },
    expected: member(DEMO_IDS.b1f1Phone),
    wrongInitial: [NONE, LOCATION_ECBN, member(DEMO_IDS.b1f2Phone)],
  },
  {
    // Zones match case-insensitively after trimming, and a floor may come as a JSON number.
    name: 'hq-b1f1-extension-untidy-workplace',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: ' b1 ', floor: 1 },
    expected: member(DEMO_IDS.b1f1Phone),
    wrongInitial: [NONE, LOCATION_ECBN],
  },
  {
    name: 'hq-b1f2-extension',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: 'B1', floor: '2' },
    expected: member(DEMO_IDS.b1f2Phone),
    wrongInitial: [NONE, LOCATION_ECBN, member(DEMO_IDS.b1f1Phone)],
  },
  {
    name: 'hq-b2f1-extension',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: 'B2', floor: '1' },
    expected: member(DEMO_IDS.b2f1Phone),
    wrongInitial: [NONE, LOCATION_ECBN, member(DEMO_IDS.b1f2Phone)],
  },
  {
    // The zone's phone number is INACTIVE: the documented fallback for an extension-only person is LOCATION_ECBN.
    name: 'hq-b2f2-extension-inactive-member',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: 'B2', floor: '2' },
    expected: LOCATION_ECBN,
    wrongInitial: [NONE, member(DEMO_IDS.b2f1Phone)],
  },
  {
    name: 'hq-b1f1-direct-line',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: true,
    workplace: { building: 'B1', floor: '1' },
    expected: DIRECT_LINE,
    wrongInitial: [NONE, member(DEMO_IDS.b1f1Phone)],
  },
  {
    name: 'hq-b2f2-direct-line',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: true,
    workplace: { building: 'B2', floor: '2' },
    expected: DIRECT_LINE,
    wrongInitial: [NONE, LOCATION_ECBN],
  },
  {
    // No building-wide zone in the rules: a workplace without a floor matches none.
    name: 'hq-b1-no-floor-extension',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: 'B1' },
    expected: LOCATION_ECBN,
    wrongInitial: [NONE, member(DEMO_IDS.b1f1Phone)],
  },
  {
    name: 'hq-unknown-building-extension',
    locationId: DEMO_IDS.sanJoseHq,
    hasDirectLine: false,
    workplace: { building: 'B9', floor: '3' },
    expected: LOCATION_ECBN,
    wrongInitial: [NONE],
  },
  {
    name: 'austin-direct-line',
    locationId: DEMO_IDS.austin,
    hasDirectLine: true,
    expected: DIRECT_LINE,
    wrongInitial: [NONE, LOCATION_ECBN, member(DEMO_IDS.austinReception)],
  },
  {
    name: 'austin-extension',
    locationId: DEMO_IDS.austin,
    hasDirectLine: false,
    expected: LOCATION_ECBN,
    wrongInitial: [NONE, member(DEMO_IDS.austinReception)],
  },
  {
    // Zones belong to one location: an HQ building+floor means nothing in Austin.
    name: 'austin-extension-hq-workplace',
    locationId: DEMO_IDS.austin,
    hasDirectLine: false,
    workplace: { building: 'B1', floor: '1' },
    expected: LOCATION_ECBN,
    wrongInitial: [NONE, member(DEMO_IDS.austinReception)],
  },
]);
