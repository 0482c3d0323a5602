import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { classifyError, InvalidRulesError } from '../../../lambda/errors.js';
import { DEFAULT_RULES_FILE, loadRulesFile, parseRules } from '../../../tools/rules/index.js';
import {
  locationDocumentFactory,
  otherEncodingOf,
  rulesDocumentFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';

const FIXTURES = 'test/fixtures/rules';

/** The issues of the error `parseRules` throws (fails the test when it does not throw). */
function issuesOf(text: string): readonly string[] {
  try {
    parseRules(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRulesError);
    return (error as InvalidRulesError).issues;
  }
  throw new Error('expected parseRules to throw');
}

/** YAML text of a rules document built by the factories. */
function yamlOf(document: unknown): string {
  return stringify(document);
}

describe('parseRules: valid files', () => {
  it('applies the defaults to a file that only names its version', () => {
    // Act
    const rules = parseRules('version: 1\n');
    // Assess
    expect(rules).toEqual({
      version: 1,
      defaults: { withDirectLine: 'DIRECT_LINE', withoutDirectLine: 'LOCATION_ECBN' },
      locations: [],
    });
  });

  it('reads a zone with every default applied', () => {
    // Prepare
    const text = `
version: 1
locations:
  - locationId: ${testIds.location(1)}
    zones:
      - match: { building: B2 }
        callbackMember: { id: ${testIds.place(1)} }
`;
    // Act
    const rules = parseRules(text);
    // Assess
    expect(rules.locations).toEqual([
      {
        locationId: testIds.location(1),
        zones: [
          { match: { building: 'B2' }, callbackMember: { id: testIds.place(1) }, appliesTo: 'withoutDirectLine' },
        ],
      },
    ]);
  });

  it.each([
    ['an empty zones key', 'zones:', []],
    ['an empty zone list', 'zones: []', []],
  ])('treats %s as no zones', (_name, zonesLine, expected) => {
    // Prepare
    const text = `version: 1\nlocations:\n  - locationId: ${testIds.location(1)}\n    ${zonesLine}\n`;
    // Act
    const rules = parseRules(text);
    // Assess
    expect(rules.locations[0]?.zones).toEqual(expected);
  });

  it.each([
    ['spaces', '+1 408 555 0134'],
    ['hyphens and parentheses', '+1 (408) 555-0134'],
    ['no formatting', '+14085550134'],
  ])('normalises a callback phone number written with %s to E.164', (_name, phoneNumber) => {
    // Prepare
    const document = rulesDocumentFactory({
      locations: [locationDocumentFactory({ zones: [zoneDocumentFactory({ callbackMember: { phoneNumber } })] })],
    });
    // Act
    const rules = parseRules(yamlOf(document));
    // Assess
    expect(rules.locations[0]?.zones[0]?.callbackMember).toEqual({ phoneNumber: '+14085550134' });
  });

  it('reads an unquoted floor number as text and trims labels', () => {
    // Prepare
    const text = `version: 1\nlocations:\n  - locationId: ${testIds.location(1)}\n    zones:\n      - match: { building: ' B2 ', floor: 3 }\n        callbackMember: { id: ${testIds.place(1)} }\n`;
    // Act
    const rules = parseRules(text);
    // Assess
    expect(rules.locations[0]?.zones[0]?.match).toEqual({ building: 'B2', floor: '3' });
  });

  it('accepts JSON, which is YAML too', () => {
    // Act
    const rules = parseRules(readFileSync(`${FIXTURES}/valid.json`, 'utf8'));
    // Assess
    expect(rules.locations.map((location) => location.name)).toEqual(['Austin Branch']);
  });

  it('returns rules that cannot be changed by accident', () => {
    // Prepare
    const rules = parseRules(
      yamlOf(rulesDocumentFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] })),
    );
    // Act
    const mutate = () => {
      (rules.locations[0]?.zones as unknown as unknown[]).push({});
    };
    // Assess
    expect(mutate).toThrow(TypeError);
    expect(Object.isFrozen(rules.defaults)).toBe(true);
  });
});

describe('parseRules: invalid files', () => {
  const location = testIds.location(1);
  const place = testIds.place(1);

  it.each<[string, string, string[]]>([
    [
      'a tab used as indentation',
      'version: 1\n\tlocations: []\n',
      ['yaml: Tabs are not allowed as indentation (line 2)'],
    ],
    ['a duplicate YAML key', 'version: 1\nversion: 1\n', ['yaml: Map keys must be unique (line 2)']],
    [
      'an alias to an unknown anchor',
      'version: 1\nlocations: *nowhere\n',
      ['yaml: Unresolved alias (the anchor must be set before the alias): nowhere'],
    ],
    ['an unknown tag', 'version: !two 1\n', ['yaml: Unresolved tag: !two (line 1)']],
    ['an empty file', '', ['(root): the file is empty; expected version, defaults and locations']],
    ['a list instead of a mapping', '- version: 1\n', ['(root): expected a mapping (object), got array (line 1)']],
    ['a missing version', 'locations: []\n', ['version: required (line 1)']],
    ['an unknown version', 'version: 2\n', ['version: unknown version; this release reads version 1 (line 1)']],
    ['an unknown top-level key', 'version: 1\nlocation: []\n', ['location: unknown field (line 2)']],
    [
      'DIRECT_LINE for people without a direct line',
      'version: 1\ndefaults:\n  withoutDirectLine: DIRECT_LINE\n',
      [
        'defaults.withoutDirectLine: DIRECT_LINE is impossible for people without a direct line (extension only); expected LOCATION_ECBN (line 3)',
      ],
    ],
    [
      'a member number as a default',
      'version: 1\ndefaults:\n  withDirectLine: LOCATION_MEMBER_NUMBER\n',
      [
        'defaults.withDirectLine: a member number is given by a zone (appliesTo: everyone), not by a default; expected DIRECT_LINE or LOCATION_ECBN (line 3)',
      ],
    ],
    [
      'an unknown default',
      'version: 1\ndefaults:\n  withDirectLine: OWN_NUMBER\n',
      ['defaults.withDirectLine: expected one of "DIRECT_LINE", "LOCATION_ECBN" (line 3)'],
    ],
    [
      'a location override that is not LOCATION_ECBN',
      `version: 1\nlocations:\n  - locationId: ${location}\n    withoutDirectLine: DIRECT_LINE\n`,
      [
        'locations[0].withoutDirectLine: DIRECT_LINE is impossible for people without a direct line (extension only); expected LOCATION_ECBN (line 4)',
      ],
    ],
    ['a location without id', 'version: 1\nlocations:\n  - name: HQ\n', ['locations[0].locationId: required (line 3)']],
    [
      'a location id that is a workspace id',
      `version: 1\nlocations:\n  - locationId: ${place}\n`,
      ['locations[0].locationId: is a PLACE id, expected a location id (line 3)'],
    ],
    [
      'the same location twice, in two encodings',
      `version: 1\nlocations:\n  - locationId: ${location}\n  - locationId: ${otherEncodingOf(location)}\n`,
      ['locations[1].locationId: the same location as locations[0]; list each location once (line 4)'],
    ],
    [
      'the same zone match twice, differing only in case and spaces',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2, floor: '3' }\n        callbackMember: { id: ${place} }\n      - match: { building: ' b2', floor: 3 }\n        callbackMember: { id: ${place} }\n`,
      [
        'locations[0].zones[1].match: the same building and floor as zones[0] (B2/3); each match once per location (line 7)',
      ],
    ],
    [
      'two building-wide zones for one building',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: { id: ${place} }\n      - match: { building: B2 }\n        callbackMember: { phoneNumber: '+14085550134' }\n`,
      [
        'locations[0].zones[1].match: the same building and floor as zones[0] (B2/*); each match once per location (line 7)',
      ],
    ],
    [
      'a callback member with both id and phone number',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: { id: ${place}, phoneNumber: '+14085550134' }\n`,
      ['locations[0].zones[0].callbackMember: give exactly one of id or phoneNumber (line 6)'],
    ],
    [
      'a callback member with neither',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: {}\n`,
      ['locations[0].zones[0].callbackMember: give exactly one of id or phoneNumber (line 6)'],
    ],
    [
      'a phone number that is not E.164',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: { phoneNumber: '408-555-0134' }\n`,
      ['locations[0].zones[0].callbackMember.phoneNumber: not an E.164 number, e.g. "+14085550134" (line 6)'],
    ],
    [
      'an unquoted phone number (YAML drops the +)',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: { phoneNumber: +14085550134 }\n`,
      [
        'locations[0].zones[0].callbackMember.phoneNumber: quote the number (YAML read it as a number and dropped the "+"), e.g. "+14085550134" (line 6)',
      ],
    ],
    [
      'a callback member id that is a location id',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: { id: ${location} }\n`,
      [
        'locations[0].zones[0].callbackMember.id: is a LOCATION id, expected a person, workspace, virtual line or hunt group id (line 6)',
      ],
    ],
    [
      'an unknown appliesTo',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2 }\n        callbackMember: { id: ${place} }\n        appliesTo: all\n`,
      ['locations[0].zones[0].appliesTo: expected one of "withoutDirectLine", "everyone" (line 7)'],
    ],
    [
      'a zone without building',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { floor: '3' }\n        callbackMember: { id: ${place} }\n`,
      ['locations[0].zones[0].match.building: required (line 5)'],
    ],
    [
      'a blank building',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: '  ' }\n        callbackMember: { id: ${place} }\n`,
      ['locations[0].zones[0].match.building: must not be empty (line 5)'],
    ],
    [
      'a misspelt floor key',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      - match: { building: B2, flor: '3' }\n        callbackMember: { id: ${place} }\n`,
      ['locations[0].zones[0].match.flor: unknown field (line 5)'],
    ],
    [
      'zones that are a mapping, not a list',
      `version: 1\nlocations:\n  - locationId: ${location}\n    zones:\n      match: { building: B2 }\n`,
      ['locations[0].zones: expected array, got object (line 4)'],
    ],
  ])('rejects %s, naming the path and line', (_name, text, expected) => {
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues).toHaveLength(expected.length);
    expected.forEach((line, index) => expect(issues[index]).toContain(line));
  });

  it('reports every problem of a file at once, in file order', () => {
    // Act
    const issues = issuesOf(readFileSync(`${FIXTURES}/many-errors.yaml`, 'utf8'));
    // Assess
    expect(issues).toEqual([
      'defaults.withoutDirectLine: DIRECT_LINE is impossible for people without a direct line (extension only); expected LOCATION_ECBN (line 5)',
      'locations[0].zones[0].callbackMember.phoneNumber: not an E.164 number, e.g. "+14085550134" (line 11)',
      'locations[0].zones[1].match: the same building and floor as zones[0] (B1/1); each match once per location (line 12)',
      'locations[0].zones[1].callbackMember: give exactly one of id or phoneNumber (line 13)',
      'locations[1].locationId: the same location as locations[0]; list each location once (line 16)',
    ]);
  });

  it('names the source in the message and is a permanent error', () => {
    // Act
    let thrown: unknown;
    try {
      parseRules('version: 3\n', 'config/ecbn-rules.yaml');
    } catch (error) {
      thrown = error;
    }
    // Assess
    expect((thrown as Error).message).toBe(
      'config/ecbn-rules.yaml is invalid: version: unknown version; this release reads version 1 (line 1)',
    );
    expect(classifyError(thrown)).toBe('permanent');
  });
});

describe('loadRulesFile', () => {
  it('loads the example rules file', () => {
    // Act
    const rules = loadRulesFile(DEFAULT_RULES_FILE);
    // Assess
    expect(rules.locations.map((location) => location.name)).toEqual(['San Jose HQ', 'Austin Branch']);
  });

  it.each([
    ['a missing file', `${FIXTURES}/does-not-exist.yaml`, '(file): file not found'],
    ['a directory', FIXTURES, '(file): is a directory'],
    [
      'a typo in a zone key',
      `${FIXTURES}/typo-in-zone.yaml`,
      'locations[0].zones[0].appliesto: unknown field (line 9)',
    ],
    ['a syntax error', `${FIXTURES}/syntax-error.yaml.txt`, 'yaml: Flow map in block collection'],
  ])('rejects %s with an error naming the file', (_name, path, expected) => {
    // Act
    let thrown: unknown;
    try {
      loadRulesFile(path);
    } catch (error) {
      thrown = error;
    }
    // Assess
    expect(thrown).toBeInstanceOf(InvalidRulesError);
    expect((thrown as InvalidRulesError).issues[0]).toContain(expected);
    expect((thrown as Error).message.startsWith(`${path} is invalid: `)).toBe(true);
  });
});
