import { describe, expect, it } from 'vitest';
import { parseSoakArgs, SOAK_DEFAULTS, SoakUsageError } from '../../../local/soak/args.js';

describe('parseSoakArgs', () => {
  it('runs 10,000 events with seed 1 by default', () => {
    expect(parseSoakArgs([])).toEqual({ ...SOAK_DEFAULTS, quiet: false, oauth: false, help: false });
  });

  it('reads --oauth', () => {
    expect(parseSoakArgs(['--oauth']).oauth).toBe(true);
  });

  it('reads --events, --seed and --quiet', () => {
    expect(parseSoakArgs(['--events', '2500', '--seed', '42', '--quiet'])).toEqual({
      events: 2500,
      seed: 42,
      quiet: true,
      oauth: false,
      help: false,
    });
  });

  it.each([
    [['--events', 'many'], '--events must be a whole number'],
    [['--events', '10'], '--events must be between 100'],
    [['--events=-5'], '--events must be a whole number'],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--speed', '3'], "Unknown option '--speed'"],
    [['extra'], 'extra'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSoakArgs(argv)).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(argv)).toThrow(message);
  });

  it('asks for help with -h', () => {
    expect(parseSoakArgs(['-h']).help).toBe(true);
  });
});
