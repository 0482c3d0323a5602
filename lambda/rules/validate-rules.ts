/**
 * Checks a rules document that is already a JS value (from YAML or JSON) → {@link EcbnRules}, or an
 * {@link InvalidRulesError} listing every problem. No YAML here: the deployed function loads the rules compiled to
 * JSON at synth (`loadCompiledRules`) and must not carry a YAML parser (≈110 KB of bundle and cold start).
 *
 * Two passes, reported together:
 * 1. the closed zod schema of `schema.ts` (types, enums, unknown keys, exactly one callback member);
 * 2. checks across entries: each location once (ids compared as Webex ids, so two encodings of one location are a
 *    duplicate), and each zone match once per location (building and floor compared trimmed, case-insensitively).
 */
import { InvalidRulesError } from '../errors.js';
import { formatIssuePath, inputIssuesOf, terseErrorMap, type InputIssue } from '../events/zod-issues.js';
import { webexIdKey } from '../webex/ids.js';
import { rulesFileSchema, type EcbnRules } from './schema.js';
import { zoneMatchKey } from './zone-match.js';

/** Finds the source line of a path in the document, when the format knows lines (YAML does). */
export type LineLocator = (path: readonly PropertyKey[]) => number | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asLabel(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Duplicate locations and duplicate zone matches, read from the raw value (so they show with schema errors). */
function crossEntryIssues(value: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!isObject(value) || !Array.isArray(value.locations)) return issues;
  const seenLocations = new Map<string, number>();
  value.locations.forEach((location: unknown, locationIndex) => {
    if (!isObject(location)) return;
    if (typeof location.locationId === 'string' && location.locationId.trim() !== '') {
      const key = webexIdKey(location.locationId);
      const first = seenLocations.get(key);
      if (first === undefined) seenLocations.set(key, locationIndex);
      else {
        issues.push({
          path: ['locations', locationIndex, 'locationId'],
          message: `the same location as locations[${first}]; list each location once`,
        });
      }
    }
    if (!Array.isArray(location.zones)) return;
    const seenZones = new Map<string, { index: number; text: string }>();
    location.zones.forEach((zone: unknown, zoneIndex) => {
      if (!isObject(zone) || !isObject(zone.match)) return;
      const building = asLabel(zone.match.building);
      if (building === undefined) return;
      const floor = zone.match.floor === undefined ? undefined : asLabel(zone.match.floor);
      if (zone.match.floor !== undefined && floor === undefined) return;
      const key = zoneMatchKey(building, floor);
      const first = seenZones.get(key);
      if (first === undefined) {
        seenZones.set(key, { index: zoneIndex, text: `${building.trim()}/${floor?.trim() ?? '*'}` });
      } else {
        issues.push({
          path: ['locations', locationIndex, 'zones', zoneIndex, 'match'],
          message: `the same building and floor as zones[${first.index}] (${first.text}); each match once per location`,
        });
      }
    });
  });
  return issues;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** ` (line N)`, or nothing when the line is unknown. */
export function lineSuffix(line: number | undefined): string {
  return line === undefined ? '' : ` (line ${line})`;
}

/**
 * Validates a parsed rules document. The result is deeply frozen and has every default applied.
 *
 * @param source Names the file in the error message (e.g. its path).
 * @param locate Maps an issue path to a line, for messages like `version: unknown version (line 1)`.
 * @example
 * validateRulesValue({ version: 1, locations: [] }).defaults; // { withDirectLine: 'DIRECT_LINE', … }
 */
export function validateRulesValue(value: unknown, source?: string, locate: LineLocator = () => undefined): EcbnRules {
  if (value === null || value === undefined) {
    throw new InvalidRulesError(['(root): the file is empty; expected version, defaults and locations'], source);
  }
  const result = rulesFileSchema.safeParse(value, { error: terseErrorMap });
  const issues = [...(result.success ? [] : inputIssuesOf(result.error)), ...crossEntryIssues(value)];
  if (!result.success || issues.length > 0) {
    const located = issues.map((issue, order) => ({ issue, order, line: locate(issue.path) }));
    // In file order, so the list reads top to bottom like the file.
    located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
    throw new InvalidRulesError(
      located.map(({ issue, line }) => `${formatIssuePath(issue.path)}: ${issue.message}${lineSuffix(line)}`),
      source,
    );
  }
  return deepFreeze(result.data);
}
