/**
 * Command line of `npm run soak`: `--events N`, `--seed S`, `--quiet`. Pure: parsing and defaults only.
 */
import { parseArgs } from 'node:util';

export interface SoakArgs {
  readonly events: number;
  readonly seed: number;
  /** No progress lines on stderr (the JSON still goes to stdout). */
  readonly quiet: boolean;
  /** The OAuth variant: ~30 s access tokens refreshed by the rotation function every 10 s. */
  readonly oauth: boolean;
  readonly help: boolean;
}

export const SOAK_DEFAULTS = { events: 10_000, seed: 1 } as const;
/** Enough messages for every kind of the mix to appear; few enough that ids and numbers stay unique. */
export const SOAK_EVENTS_RANGE = { min: 100, max: 1_000_000 } as const;

export const SOAK_USAGE = `Usage: npm run soak -- [--events N] [--seed S] [--oauth] [--quiet]

  --events N   messages published (default ${SOAK_DEFAULTS.events}): valid events, 5 % duplicates, 2 % invalid,
               1 % unknown people, 1 % skipped types, with ~10 % transient Webex faults and a token rotation halfway
  --seed S     seeds the event mix and the fault draws (default ${SOAK_DEFAULTS.seed})
  --oauth      an OAuth token secret whose access tokens live 30 s, refreshed by the rotation function every 10 s
               (instead of the static token swapped halfway); the JSON counts the rotations
  --quiet      no progress lines on stderr

Prints the result as JSON on stdout; exit code 0 when nothing was lost, nobody is in the wrong state, no token
leaked and every dead letter carries its reason, 1 otherwise, 2 on a bad command line.`;

export class SoakUsageError extends Error {
  override readonly name = 'SoakUsageError';
}

/**
 * @throws SoakUsageError on an unknown option or a value out of range.
 * @example
 * parseSoakArgs(['--events', '2000', '--seed', '7']); // { events: 2000, seed: 7, quiet: false, oauth: false, help: false }
 */
export function parseSoakArgs(argv: readonly string[]): SoakArgs {
  let values: { events?: string; seed?: string; quiet?: boolean; oauth?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        events: { type: 'string' },
        seed: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        oauth: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SoakUsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    events: integer('--events', values.events, SOAK_DEFAULTS.events, SOAK_EVENTS_RANGE),
    seed: integer('--seed', values.seed, SOAK_DEFAULTS.seed, { min: 0, max: 2 ** 32 - 1 }),
    quiet: values.quiet ?? false,
    oauth: values.oauth ?? false,
    help: values.help ?? false,
  };
}

function integer(
  name: string,
  text: string | undefined,
  fallback: number,
  range: { min: number; max: number },
): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) throw new SoakUsageError(`${name} must be a whole number, got "${text}"`);
  const value = Number(text.trim());
  if (value < range.min || value > range.max) {
    throw new SoakUsageError(`${name} must be between ${range.min} and ${range.max}, got ${value}`);
  }
  return value;
}
