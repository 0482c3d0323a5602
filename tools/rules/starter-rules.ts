/**
 * PURE: the starter rules YAML `discover` writes for an org. Every Webex Calling location with its id, name, ECBN
 * and that number's quality; under each, its candidate zone members (the ACTIVE numbers Webex accepts as the
 * location's ECBN member: workspaces first, then people, virtual lines, hunt groups) as commented zones, one line each,
 * ready to uncomment. As written it has no zones: it passes `rules:check` offline and changes nobody's number until a
 * zone is uncommented and its building and floor are set.
 */
import { RECOMMENDED_OWNER_TYPES } from '../../lambda/rules/zone-member.js';
import { sameWebexId } from '../../lambda/webex/ids.js';
import type { AvailableNumber } from '../../lambda/webex/models.js';
import { memberKind, ownerName } from './member-kind.js';
import { describeLocationEcbn, locationEcbnQuality, type LocationSnapshot } from './org-snapshot.js';

export interface StarterRulesInput {
  readonly locations: readonly LocationSnapshot[];
  /** When it was read (ISO time), for the header. */
  readonly readAt: string;
  /** Where it was read from. */
  readonly webexUrl: string;
}

/** Candidate order: what Control Hub advises first. */
const KIND_ORDER = ['PLACE', 'PEOPLE', 'VIRTUAL_LINE', 'HUNT_GROUP'];

/** A comment holds one line: no line breaks or control characters from names. */
function commentText(text: string): string {
  const oneLine = [...text].map((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? ' ' : char;
  });
  return oneLine.join('').trim();
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quoted(text: string): string {
  return JSON.stringify(text);
}

type Candidate = AvailableNumber & { owner: NonNullable<AvailableNumber['owner']> };

function candidatesOf(numbers: readonly AvailableNumber[]): Candidate[] {
  const active = numbers.filter(
    (number): number is Candidate => number.state === 'ACTIVE' && number.owner !== undefined,
  );
  const rank = (type: string) => {
    const index = KIND_ORDER.indexOf(type);
    return index === -1 ? KIND_ORDER.length : index;
  };
  return active.sort(
    (a, b) =>
      rank(a.owner.type) - rank(b.owner.type) ||
      ownerName(a.owner).localeCompare(ownerName(b.owner)) ||
      a.phoneNumber.localeCompare(b.phoneNumber),
  );
}

function candidateLine(candidate: Candidate): string {
  const advice = RECOMMENDED_OWNER_TYPES.includes(candidate.owner.type)
    ? ''
    : ' (NOT_RECOMMENDED: not a person or workspace)';
  const about = commentText(
    `${memberKind(candidate.owner.type)} ${quoted(ownerName(candidate.owner))}, ${candidate.phoneNumber}${advice}`,
  );
  return `      # - { match: { building: 'B?', floor: '?' }, callbackMember: { id: ${candidate.owner.id} } } # ${about}`;
}

function locationLines(snapshot: LocationSnapshot): string[] {
  const { location, ecbn } = snapshot;
  const name = location.name ?? location.id;
  const quality = locationEcbnQuality(ecbn) ?? 'unknown';
  const lines = [
    `  # ${commentText(name)}: location ECBN ${commentText(describeLocationEcbn(ecbn))}, quality ${quality}.`,
  ];
  if (quality === 'INVALID') {
    lines.push('  # ! INVALID: fix the location ECBN in Control Hub; `rules:check --org` reports it as an error.');
  } else if (quality === 'NOT_RECOMMENDED') {
    lines.push('  # ! NOT_RECOMMENDED: Control Hub advises the number of a person or workspace.');
  }
  lines.push(`  - locationId: ${location.id}`, `    name: ${quoted(name)}`, '    zones:');
  const candidates = candidatesOf(snapshot.availableNumbers);
  if (candidates.length === 0) {
    lines.push('      # No candidate members: no ACTIVE number here that Webex accepts as an ECBN member.');
  } else {
    lines.push('      # Candidate members: uncomment one line per zone and set its building and floor.');
    lines.push(...candidates.map(candidateLine));
  }
  const withoutNumber = snapshot.workspaces.filter(
    (workspace) => !candidates.some((candidate) => sameWebexId(candidate.owner.id, workspace.id)),
  );
  if (withoutNumber.length > 0) {
    const names = withoutNumber
      .map((workspace) => quoted(commentText(workspace.displayName ?? workspace.id)))
      .join(', ');
    lines.push(`      # Workspaces here without an ACTIVE number Webex accepts (not candidates yet): ${names}`);
  }
  return lines;
}

/**
 * @example
 * starterRules({ locations: [hqSnapshot], readAt: '2026-12-06T02:30:00Z', webexUrl: 'https://webexapis.com/v1' });
 * // '# ECBN rules for your org, written by `npm run rules -- discover` …\nversion: 1\n…'
 */
export function starterRules(input: StarterRulesInput): string {
  const header = [
    '# ECBN rules for your org, written by `npm run rules -- discover` (read-only) from',
    `# ${input.webexUrl} at ${input.readAt}.`,
    '#',
    '# As written it has no zones: extension-only people get their location ECBN, people with a direct line keep it.',
    '# Next (README "Write the rules for your org"):',
    "#   1. Zones: for a location with several buildings or floors, uncomment a candidate member's line, set building",
    '#      and floor as your HR events send them (workplace.building / workplace.floor), one line per zone.',
    '#   2. Check it against the org: npm run rules:check -- --org <this file>',
    '#   3. Deploy it: npx cdk deploy -c rulesFile=<this file> …',
    "# Candidates are the ACTIVE numbers Webex accepts as each location's ECBN member; a workspace phone on the floor",
    "# is the usual choice (Control Hub advises a person's or workspace's number).",
    '',
    'version: 1',
    '',
    'defaults:',
    '  withDirectLine: DIRECT_LINE # DIRECT_LINE | LOCATION_ECBN',
    '  withoutDirectLine: LOCATION_ECBN # the only possible value: extension-only people have no direct line',
    '',
  ];
  if (input.locations.length === 0) {
    return [...header, '# The org has no Webex Calling location.', 'locations: []', ''].join('\n');
  }
  const body = input.locations.flatMap((location, index) => [...(index === 0 ? [] : ['']), ...locationLines(location)]);
  return [...header, 'locations:', ...body, ''].join('\n');
}
