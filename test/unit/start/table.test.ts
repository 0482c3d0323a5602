import { describe, expect, it } from 'vitest';
import { renderDeadLetterTable, renderOutcomeTable, renderTable } from '../../../local/start/table.js';
import { deadLetterRowFactory, reportFactory, rowFactory } from './factories.js';

describe('renderTable', () => {
  it('pads every column but the last to its widest cell and underlines the headers', () => {
    // Act
    const lines = renderTable(
      ['Person', 'Outcome', 'Why'],
      [
        ['Bob Martinez', 'updated', 'zone HQ/B1/1'],
        ['Al', 'unchanged', 'direct-line'],
      ],
    );
    // Assess
    expect(lines).toEqual([
      'Person        Outcome    Why',
      '------------  ---------  ------------',
      'Bob Martinez  updated    zone HQ/B1/1',
      'Al            unchanged  direct-line',
    ]);
  });

  it('keeps a reason with a line break on one line, so the columns stay aligned', () => {
    // Act
    const lines = renderTable(['A', 'B'], [['x', 'first\nsecond\r\tthird']]);
    // Assess
    expect(lines.at(-1)).toBe('x  first second third');
  });

  it('shows an empty cell as a dash rather than a gap', () => {
    // Act
    const lines = renderTable(['A', 'B'], [['', 'y']]);
    // Assess
    expect(lines.at(-1)).toBe('—  y');
  });

  it('prints the headers of an empty table', () => {
    // Act
    const lines = renderTable(['Event', 'Why'], []);
    // Assess
    expect(lines).toEqual(['Event  Why', '-----  ---']);
  });
});

describe('renderOutcomeTable', () => {
  it('has one line per event with person, location, wanted ECBN, outcome and reason, in that order', () => {
    // Prepare
    const rows = [rowFactory(reportFactory())];
    // Act
    const lines = renderOutcomeTable(rows);
    // Assess
    expect(lines[0]?.split(/\s{2,}/)).toEqual(['Event', 'Person', 'Location', 'Wanted ECBN', 'Outcome', 'Why']);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      'bob-created.bare',
      'Bob Martinez',
      'HQ',
      'LOCATION_MEMBER_NUMBER → Lobby Phone +15550111',
      'updated, was NONE',
      'zone HQ/B1/1',
    ]);
  });
});

describe('renderDeadLetterTable', () => {
  it('shows both reason attributes of every message, and says when one is missing', () => {
    // Prepare
    const rows = [
      deadLetterRowFactory(),
      deadLetterRowFactory({ label: 'odd', errorClass: undefined, error: undefined }),
    ];
    // Act
    const lines = renderDeadLetterTable(rows);
    // Assess
    expect(lines).toEqual([
      'Event      ecbn-error-class  ecbn-error',
      `---------  ----------------  ${'-'.repeat('InvalidEventError: person.email: invalid email'.length)}`,
      'bad-event  permanent         InvalidEventError: person.email: invalid email',
      'odd        (missing)         (missing)',
    ]);
  });
});
