import { describe, expect, it } from 'vitest';
import {
  BenchUsageError,
  DEFAULT_RESULTS_FILE,
  FULL_RUN_DEFAULTS,
  QUICK_RUN_DEFAULTS,
  parseBenchArgs,
} from '../../../local/bench/args.js';

describe('parseBenchArgs', () => {
  it('runs the full bench by default', () => {
    // Act
    const args = parseBenchArgs([]);

    // Assess
    expect(args).toEqual({
      events: FULL_RUN_DEFAULTS.events,
      rate: FULL_RUN_DEFAULTS.rate,
      quick: false,
      out: DEFAULT_RESULTS_FILE,
      help: false,
    });
  });

  it('uses the smaller defaults with --quick', () => {
    // Act
    const args = parseBenchArgs(['--quick']);

    // Assess
    expect(args).toMatchObject({ events: QUICK_RUN_DEFAULTS.events, rate: QUICK_RUN_DEFAULTS.rate, quick: true });
  });

  it('lets --events and --rate override the --quick defaults', () => {
    // Act
    const args = parseBenchArgs(['--quick', '--events', '500', '--rate', '250.5', '--out', '/tmp/r.json']);

    // Assess
    expect(args).toMatchObject({ events: 500, rate: 250.5, quick: true, out: '/tmp/r.json' });
  });

  it('accepts the --name=value form', () => {
    expect(parseBenchArgs(['--events=40']).events).toBe(40);
  });

  it('asks for help with -h', () => {
    expect(parseBenchArgs(['-h']).help).toBe(true);
  });

  it.each([
    { argv: ['--events', '12.5'], why: /--events must be a whole number/ },
    { argv: ['--events', '19'], why: /--events must be a number from 20 to 1000000/ },
    { argv: ['--events', '2e3'], why: /--events must be a number/ },
    { argv: ['--events', '-5'], why: /--events/ },
    { argv: ['--rate', '0'], why: /--rate must be a number from 1 to 100000/ },
    { argv: ['--rate', 'fast'], why: /--rate must be a number/ },
    { argv: ['--eventz', '10'], why: /Unknown option '--eventz'/ },
    { argv: ['extra'], why: /positional/i },
    { argv: ['--events'], why: /argument missing/i },
  ])('refuses $argv', ({ argv, why }) => {
    // Act
    const parse = () => parseBenchArgs(argv);

    // Assess
    expect(parse).toThrow(BenchUsageError);
    expect(parse).toThrow(why);
  });
});
