/**
 * Rules file text (YAML, or JSON, which is YAML too) → {@link EcbnRules}, or an {@link InvalidRulesError} listing
 * every problem as `path: message (line N)`.
 *
 * Three passes, all reported together so an admin fixes a file in one go:
 * 1. YAML syntax (including duplicate keys and unknown tags), with the parser's line;
 * 2. the closed zod schema of `schema.ts` (types, enums, unknown keys, exactly one callback member);
 * 3. checks across entries: each location once (ids compared as Webex ids, so two encodings of one location are a
 *    duplicate), and each zone match once per location (building and floor compared trimmed, case-insensitively).
 */
import { LineCounter, parseDocument } from 'yaml';
import { InvalidRulesError } from '../errors.js';
import { formatIssuePath, inputIssuesOf, terseErrorMap, type InputIssue } from '../events/zod-issues.js';
import { webexIdKey } from '../webex/ids.js';
import { rulesFileSchema, type EcbnRules } from './schema.js';
import { zoneMatchKey } from './zone-match.js';
import { lineOf } from './yaml-lines.js';

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

function lineSuffix(line: number | undefined): string {
  return line === undefined ? '' : ` (line ${line})`;
}

/**
 * Parses and checks a rules file. The result is deeply frozen and has every default applied
 * (`defaults.withDirectLine: DIRECT_LINE`, `defaults.withoutDirectLine: LOCATION_ECBN`, zone
 * `appliesTo: withoutDirectLine`); phone numbers are normalised to E.164.
 *
 * @param source Names the file in the error message (e.g. its path).
 * @example
 * const rules = parseRules('version: 1\nlocations: []\n');
 * rules.defaults; // { withDirectLine: 'DIRECT_LINE', withoutDirectLine: 'LOCATION_ECBN' }
 *
 * parseRules('version: 2\n', 'config/ecbn-rules.yaml');
 * // throws InvalidRulesError: config/ecbn-rules.yaml is invalid: version: unknown version; … (line 1)
 */
export function parseRules(text: string, source?: string): EcbnRules {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const syntaxProblems = [...document.errors, ...document.warnings];
  if (syntaxProblems.length > 0) {
    throw new InvalidRulesError(
      syntaxProblems.map(
        (problem) => `yaml: ${problem.message}${lineSuffix(lineCounter.linePos(problem.pos[0]).line)}`,
      ),
      source,
    );
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // e.g. an alias to an anchor that does not exist, or an alias bomb.
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidRulesError([`yaml: ${message}`], source, { cause: error });
  }
  if (value === null || value === undefined) {
    throw new InvalidRulesError(['(root): the file is empty; expected version, defaults and locations'], source);
  }

  const result = rulesFileSchema.safeParse(value, { error: terseErrorMap });
  const issues = [...(result.success ? [] : inputIssuesOf(result.error)), ...crossEntryIssues(value)];
  if (!result.success || issues.length > 0) {
    const located = issues.map((issue, order) => ({ issue, order, line: lineOf(document, lineCounter, issue.path) }));
    // In file order, so the list reads top to bottom like the file.
    located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
    throw new InvalidRulesError(
      located.map(({ issue, line }) => `${formatIssuePath(issue.path)}: ${issue.message}${lineSuffix(line)}`),
      source,
    );
  }
  return deepFreeze(result.data);
}
