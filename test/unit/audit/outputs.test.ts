import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRow } from '../../../lambda/audit/outputs/csv.js';
import { auditPage, escapeHtml } from '../../../lambda/audit/outputs/html.js';
import { jsonlLine } from '../../../lambda/audit/outputs/jsonl.js';
import { auditRecordSchema } from '../../../lambda/audit/report-record.js';
import { createSummaryTally } from '../../../lambda/audit/summary.js';
import { webexIdKey } from '../../../lambda/webex/ids.js';
import { auditRecordFactory } from '../../helpers/audit-factories.js';

describe('JSON Lines', () => {
  it('writes exactly the record fields, one line each, readable with the record schema', () => {
    const record = auditRecordFactory({ status: 'attention', attention: 'no valid emergency callback number' });

    const line = jsonlLine(record);

    expect(line.endsWith('\n')).toBe(true);
    expect(Object.keys(JSON.parse(line) as object)).toEqual([
      'personId',
      'email',
      'locationId',
      'placement',
      'status',
      'current',
      'wanted',
      'reason',
      'attention',
    ]);
    expect(auditRecordSchema.parse(JSON.parse(line))).toEqual(record);
  });
});

describe('CSV', () => {
  it('has the same fields, nested ones dotted', () => {
    expect(csvHeader()).toBe(
      'personId,email,locationId,placement.building,placement.floor,status,current.selected,current.locationMemberId,wanted.selected,wanted.locationMemberId,reason,attention\r\n',
    );
  });

  it('quotes commas and quotes', () => {
    const row = csvRow(auditRecordFactory({ reason: 'fallback: a, "b"' }));

    expect(row).toContain(',"fallback: a, ""b""",');
  });

  it.each(['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)'])('defuses a cell a spreadsheet would run: %s', (value) => {
    expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });
});

describe('HTML page', () => {
  it('escapes every value', () => {
    expect(escapeHtml(`<script>alert('x')</script>&"`)).toBe(
      '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;',
    );
  });

  it('shows compliance per location and lists drift and attention people, escaped', () => {
    const drift = auditRecordFactory({ status: 'drift', email: '<img src=x onerror=alert(1)>@example.com' });
    const attention = auditRecordFactory({ status: 'attention', email: 'bo@example.com', attention: 'no valid' });
    const tally = createSummaryTally();
    for (const record of [drift, attention, auditRecordFactory()]) tally.add(record);

    const page = auditPage({
      auditId: 'a1',
      generatedAt: '2026-12-06T02:00:00.000Z',
      summary: tally.summary(),
      locationNames: new Map([[webexIdKey(drift.locationId ?? ''), 'San Jose <HQ>']]),
      drift: [drift],
      attention: [attention],
      omitted: { drift: 0, attention: 0 },
    });

    expect(page).toContain('San Jose &lt;HQ&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;@example.com');
    expect(page).not.toContain('<img');
    expect(page).toContain('<h2>Drift (1)</h2>');
    expect(page).toContain('<h2>Attention (1)</h2>');
    expect(page).toContain('width:33.3%');
    expect(page).not.toMatch(/<(link|script) [^>]*src=/);
  });
});

describe('summary', () => {
  it('counts per status and location, and compliance over calling people only', () => {
    const tally = createSummaryTally();
    tally.add(auditRecordFactory());
    tally.add(auditRecordFactory({ status: 'drift' }));
    tally.add(auditRecordFactory({ status: 'drift' }));
    tally.add(auditRecordFactory({ status: 'not-calling', locationId: null }));

    const summary = tally.summary();

    expect(summary).toMatchObject({
      people: 4,
      callingPeople: 3,
      byStatus: { compliant: 1, drift: 2, attention: 0, 'not-calling': 1 },
      compliancePercent: 33.3,
    });
    expect(summary.byLocation['(none)']).toMatchObject({ 'not-calling': 1 });
  });

  it('never rounds an almost compliant org up to 100 %', () => {
    const tally = createSummaryTally();
    for (let i = 0; i < 9_999; i += 1) tally.add(auditRecordFactory());
    tally.add(auditRecordFactory({ status: 'drift' }));

    expect(tally.summary().compliancePercent).toBe(99.9);
  });
});
