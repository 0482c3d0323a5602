import { describe, expect, it } from 'vitest';
import { AuditUsageError, parseAuditArgs } from '../../../tools/audit/args.js';

describe('parseAuditArgs', () => {
  it('defaults to the local simulator with the demo org', () => {
    expect(parseAuditArgs([])).toMatchObject({
      webexUrl: undefined,
      people: undefined,
      fix: false,
      outDir: 'audit-report',
    });
  });

  it('reads every option', () => {
    expect(
      parseAuditArgs([
        '--rules',
        'r.yaml',
        '--placements',
        'p.csv',
        '--out',
        'o',
        '--fix',
        '--people',
        '1000',
        '--rate',
        '50',
        '--concurrency',
        '8',
      ]),
    ).toMatchObject({
      rulesFile: 'r.yaml',
      placementsFile: 'p.csv',
      outDir: 'o',
      fix: true,
      people: 1000,
      rate: 50,
      concurrency: 8,
    });
  });

  it.each([
    [['--fix', '--webex-url', 'https://webexapis.com/v1'], /refused against a real org/],
    [['--webex-url', 'http://example.com/v1'], /https/],
    [['--webex-url', 'not a url'], /absolute URL/],
    [['--webex-url', 'https://webexapis.com/v1', '--people', '5'], /--people/],
    [['--people', '0'], /--people/],
    [['--people', '1.5'], /whole number/],
    [['--rate', 'fast'], /--rate/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAuditArgs(argv)).toThrow(AuditUsageError);
    expect(() => parseAuditArgs(argv)).toThrow(message);
  });

  it('accepts --fix against a loopback simulator', () => {
    expect(parseAuditArgs(['--fix', '--webex-url', 'http://127.0.0.1:8787/v1']).fix).toBe(true);
  });
});
