import { describe, expect, it } from 'vitest';
import { parseStartArgs, StartUsageError } from '../../../local/start/args.js';

describe('parseStartArgs', () => {
  it.each([
    { argv: [], expected: { mode: 'demo', verbose: false, rulesFile: undefined } },
    { argv: ['-v'], expected: { mode: 'demo', verbose: true, rulesFile: undefined } },
    { argv: ['--rules', 'my-rules.yaml'], expected: { mode: 'demo', verbose: false, rulesFile: 'my-rules.yaml' } },
    { argv: ['--help'], expected: { mode: 'help' } },
    { argv: ['-h', '--serve'], expected: { mode: 'help' } },
    { argv: ['--serve', '--verbose'], expected: { mode: 'serve', verbose: true, rulesFile: undefined } },
    {
      argv: ['--webex-url', 'https://webexapis.com/v1', '--events', 'hr.jsonl', '--dry-run'],
      expected: {
        mode: 'plan',
        verbose: false,
        rulesFile: undefined,
        webexUrl: 'https://webexapis.com/v1',
        eventsFile: 'hr.jsonl',
        dryRun: true,
      },
    },
    {
      argv: ['--webex-url', 'http://127.0.0.1:8787/v1', '--events', 'e.json'],
      expected: {
        mode: 'plan',
        verbose: false,
        rulesFile: undefined,
        webexUrl: 'http://127.0.0.1:8787/v1',
        eventsFile: 'e.json',
        dryRun: false,
      },
    },
  ])('reads $argv as $expected.mode', ({ argv, expected }) => {
    // Act
    const command = parseStartArgs(argv);
    // Assess
    expect(command).toEqual(expected);
  });

  it.each([
    { argv: ['--bogus'], message: "Unknown option '--bogus'" },
    { argv: ['extra'], message: 'positional' },
    { argv: ['--events'], message: "'--events <value>' argument missing" },
    { argv: ['--serve', '--dry-run'], message: '--serve cannot be combined with --dry-run' },
    { argv: ['--serve', '--webex-url', 'https://webexapis.com/v1'], message: '--serve cannot be combined' },
    { argv: ['--events', 'e.json'], message: '--events needs --webex-url' },
    { argv: ['--dry-run'], message: '--dry-run needs --webex-url' },
    { argv: ['--webex-url', 'https://webexapis.com/v1', '--dry-run'], message: '--webex-url needs --events' },
    { argv: ['--webex-url', 'webexapis.com', '--events', 'e.json', '--dry-run'], message: 'not an absolute URL' },
  ])('refuses $argv', ({ argv, message }) => {
    // Act
    const parse = () => parseStartArgs(argv);
    // Assess
    expect(parse).toThrow(StartUsageError);
    expect(parse).toThrow(message);
  });

  it('refuses a real Webex org without --dry-run, saying how to decide without writing', () => {
    // Act
    const parse = () => parseStartArgs(['--webex-url', 'https://webexapis.com/v1', '--events', 'e.json']);
    // Assess
    expect(parse).toThrow('Refusing to change a real Webex org: add --dry-run');
  });

  it.each(['http://localhost:9000/v1', 'http://[::1]:9000/v1', 'http://127.0.0.2:9000/v1'])(
    'lets a loopback simulator at %s run without --dry-run',
    (url) => {
      // Act
      const command = parseStartArgs(['--webex-url', url, '--events', 'e.json']);
      // Assess
      expect(command).toMatchObject({ mode: 'plan', dryRun: false });
    },
  );
});
