import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWebexId } from '../../../lambda/webex/ids.js';
import { loadEventDirectory } from '../../../local/start/event-files.js';
import { DEMO_FOLLOW_UPS, followUpEventIds } from '../../../local/start/follow-ups.js';
import {
  checkDeadLetters,
  checkWebexHolds,
  compareWithExpected,
  DEMO_EXPECTED_OUTCOMES_PATH,
  loadExpectedOutcomes,
  type ExpectedOutcomes,
} from '../../../local/start/expected-outcomes.js';
import { deadLetterRowFactory, ids, reportFactory, rowFactory } from './factories.js';

function expectedFactory(events: ExpectedOutcomes['events']): ExpectedOutcomes {
  return { description: 'test', events };
}

describe('the demo expectations file', () => {
  it('is valid and has exactly one expectation per sample event', () => {
    // Prepare
    const expected = loadExpectedOutcomes(DEMO_EXPECTED_OUTCOMES_PATH);
    // Act
    const sampleIds = [
      ...loadEventDirectory('examples/events').map((event) => event.eventId),
      ...followUpEventIds('examples/events', DEMO_FOLLOW_UPS),
    ];
    // Assess
    expect([...sampleIds].sort()).toEqual(Object.keys(expected.events).sort());
  });

  it('rejects an unknown key, so a misspelt check cannot silently turn itself off', () => {
    // Prepare
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'expected-')), 'expected.json');
    writeFileSync(
      file,
      JSON.stringify({ description: 'x', events: { a: { story: 's', outcome: 'updated', retired: true } } }),
    );
    // Act
    const load = () => loadExpectedOutcomes(file);
    // Assess
    expect(load).toThrow('events.a: Unrecognized key: "retired"');
  });
});

describe('compareWithExpected', () => {
  const lobby = { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: ids.lobbyPhone };

  it('finds nothing when the outcome and wanted ECBN match, member ids compared whatever their encoding', () => {
    // Prepare
    const otherEncoding = encodeWebexId('PLACE', '00000000-0000-4000-8000-00000000010b', 'urn:TEAM:us-east-1_int13');
    const rows = [
      rowFactory(reportFactory({ wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: otherEncoding } })),
    ];
    // Act
    const differences = compareWithExpected(
      rows,
      expectedFactory({ 'hr-1': { story: 's', outcome: 'updated', wanted: lobby } }),
    );
    // Assess
    expect(differences).toEqual([]);
  });

  it.each([
    {
      name: 'another outcome',
      expectation: { story: 's', outcome: 'unchanged' as const },
      difference: 'bob-created.bare (hr-1): outcome updated, expected unchanged',
    },
    {
      name: 'another wanted ECBN',
      expectation: { story: 's', outcome: 'updated' as const, wanted: { selected: 'LOCATION_ECBN' } },
      difference:
        'bob-created.bare (hr-1): wanted LOCATION_MEMBER_NUMBER PLACE/00000000-0000-4000-8000-00000000010b, expected LOCATION_ECBN',
    },
    {
      name: 'a reason that does not say why',
      expectation: { story: 's', outcome: 'updated' as const, reasonIncludes: 'inactive' },
      difference: 'bob-created.bare (hr-1): reason "zone HQ/B1/1" does not mention "inactive"',
    },
    {
      name: 'an error class',
      expectation: { story: 's', outcome: 'updated' as const, errorClass: 'permanent' as const },
      difference: 'bob-created.bare (hr-1): error class none, expected permanent',
    },
    {
      name: 'an error message',
      expectation: { story: 's', outcome: 'updated' as const, errorIncludes: 'did you mean' },
      difference: 'bob-created.bare (hr-1): error "" does not mention "did you mean"',
    },
    {
      name: 'a retry that did not happen',
      expectation: { story: 's', outcome: 'updated' as const, retried: true },
      difference:
        'bob-created.bare (hr-1): done on its first receive, expected a retry (the story needs the person to be not ready at first)',
    },
  ])('reports $name', ({ expectation, difference }) => {
    // Prepare
    const rows = [rowFactory(reportFactory())];
    // Act
    const differences = compareWithExpected(rows, expectedFactory({ 'hr-1': expectation }));
    // Assess
    expect(differences).toEqual([difference]);
  });

  it('reports an event without an expectation, and an expectation no event exercised', () => {
    // Prepare
    const rows = [rowFactory(reportFactory({ eventId: 'hr-new' }))];
    // Act
    const differences = compareWithExpected(rows, expectedFactory({ 'hr-1': { story: 's', outcome: 'updated' } }));
    // Assess
    expect(differences).toEqual([
      'bob-created.bare (hr-new): no expectation for this event id',
      'hr-1: expected, but no published event has this id',
    ]);
  });

  it('reports an event the handler never reported', () => {
    // Prepare
    const rows = [rowFactory(undefined)];
    // Act
    const differences = compareWithExpected(rows, expectedFactory({ 'hr-1': { story: 's', outcome: 'skipped' } }));
    // Assess
    expect(differences).toEqual(['bob-created.bare (hr-1): outcome missing, expected skipped']);
  });
});

describe('checkDeadLetters', () => {
  const deadLettered = reportFactory({ outcome: 'dead-lettered', errorClass: 'permanent', error: 'E' });

  it('is satisfied by one DLQ message per dead-lettered event, with both reason attributes', () => {
    // Act
    const differences = checkDeadLetters([rowFactory(deadLettered)], [deadLetterRowFactory()]);
    // Assess
    expect(differences).toEqual([]);
  });

  it.each([
    {
      name: 'a missing message',
      dlq: [],
      difference: 'bob-created.bare: dead-lettered, but found 0 time(s) in the DLQ',
    },
    {
      name: 'a message without its reason',
      dlq: [deadLetterRowFactory({ error: undefined })],
      difference: 'bob-created.bare: in the DLQ without ecbn-error',
    },
    {
      name: 'a message without its class',
      dlq: [deadLetterRowFactory({ errorClass: undefined })],
      difference: 'bob-created.bare: in the DLQ without ecbn-error-class',
    },
  ])('reports $name', ({ dlq, difference }) => {
    // Act
    const differences = checkDeadLetters([rowFactory(deadLettered)], dlq);
    // Assess
    expect(differences).toEqual([difference]);
  });

  it('reports a DLQ message whose event was not reported dead-lettered', () => {
    // Act
    const differences = checkDeadLetters([rowFactory(reportFactory())], [deadLetterRowFactory({ label: 'stray' })]);
    // Assess
    expect(differences).toEqual(['stray: in the DLQ, but not reported dead-lettered']);
  });
});

describe('checkWebexHolds', () => {
  it('is satisfied when Webex holds what the handler reported putting', () => {
    // Prepare
    const rows = [rowFactory(reportFactory())];
    // Act
    const differences = checkWebexHolds(rows, () => ({
      selected: 'LOCATION_MEMBER_NUMBER',
      locationMemberId: ids.lobbyPhone,
    }));
    // Assess
    expect(differences).toEqual([]);
  });

  it('reports a PUT that did not land', () => {
    // Prepare
    const rows = [rowFactory(reportFactory())];
    // Act
    const differences = checkWebexHolds(rows, () => ({ selected: 'NONE' }));
    // Assess
    expect(differences).toEqual([
      'bob-created.bare: Webex holds NONE, but the handler reported LOCATION_MEMBER_NUMBER PLACE/00000000-0000-4000-8000-00000000010b',
    ]);
  });

  it("checks each person's last applied event only (earlier ones were superseded)", () => {
    // Prepare: the same person placed on the lobby phone, then moved to the location ECBN.
    const rows = [
      rowFactory(reportFactory()),
      rowFactory(reportFactory({ wanted: { selected: 'LOCATION_ECBN' } })),
      rowFactory(reportFactory({ outcome: 'stale', wanted: undefined })),
    ];
    // Act
    const differences = checkWebexHolds(rows, () => ({ selected: 'LOCATION_ECBN' }));
    // Assess
    expect(differences).toEqual([]);
  });

  it('does not look at records that changed nothing on purpose', () => {
    // Prepare
    const rows = [
      rowFactory(reportFactory({ outcome: 'skipped', wanted: undefined })),
      rowFactory(reportFactory({ outcome: 'would-update' })),
      rowFactory(reportFactory({ outcome: 'dead-lettered' })),
    ];
    // Act
    const differences = checkWebexHolds(rows, () => undefined);
    // Assess
    expect(differences).toEqual([]);
  });
});
