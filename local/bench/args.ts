/**
 * Command line of `npm run bench`: `--events N`, `--rate R`, `--quick`, `--out PATH`. Pure: parsing and defaults
 * only, so the rules are tested without running anything.
 */
import { parseArgs } from 'node:util';

/** What a bench run does. */
export interface BenchArgs {
  /** Events of the throughput run (and people in the org). */
  readonly events: number;
  /** Webex simulator rate limit of the throughput run, requests per second (its bucket holds one second of them). */
  readonly rate: number;
  /** A small smoke run: fewer events, a lower rate, fewer cold starts. */
  readonly quick: boolean;
  /** Where the JSON goes. */
  readonly out: string;
  readonly help: boolean;
}

/** Defaults of a full run: ≈13 s of rate-limited throughput at ≈2.7 Webex calls per event. */
export const FULL_RUN_DEFAULTS = { events: 2000, rate: 400 } as const;
/** Defaults of `--quick`. */
export const QUICK_RUN_DEFAULTS = { events: 200, rate: 100 } as const;
export const DEFAULT_RESULTS_FILE = 'bench/results.json';

/** Bounds that keep a run meaningful (enough events for percentiles) and finite (numbers and ids stay unique). */
export const EVENTS_RANGE = { min: 20, max: 1_000_000 } as const;
export const RATE_RANGE = { min: 1, max: 100_000 } as const;

export const BENCH_USAGE = `Usage: npm run bench -- [--events N] [--rate R] [--quick] [--out PATH]

  --events N   events (and synthetic people) of the throughput run (default ${FULL_RUN_DEFAULTS.events}; --quick: ${QUICK_RUN_DEFAULTS.events})
  --rate R     Webex simulator rate limit in requests/second for the throughput run
               (default ${FULL_RUN_DEFAULTS.rate}; --quick: ${QUICK_RUN_DEFAULTS.rate}); the ceiling is R / Webex calls per event
  --quick      smoke run: fewer events, fewer cold starts
  --out PATH   results file (default ${DEFAULT_RESULTS_FILE})`;

/** A command line the bench cannot run; the message says why, the usage follows. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/**
 * @throws BenchUsageError on an unknown option or a value out of range.
 * @example
 * parseBenchArgs(['--events', '500', '--rate', '200']); // { events: 500, rate: 200, quick: false, ... }
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: { events?: string; rate?: string; quick?: boolean; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        events: { type: 'string' },
        rate: { type: 'string' },
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick ?? false;
  const defaults = quick ? QUICK_RUN_DEFAULTS : FULL_RUN_DEFAULTS;
  return {
    events: values.events === undefined ? defaults.events : integerIn('--events', values.events, EVENTS_RANGE),
    rate: values.rate === undefined ? defaults.rate : numberIn('--rate', values.rate, RATE_RANGE),
    quick,
    out: values.out ?? DEFAULT_RESULTS_FILE,
    help: values.help ?? false,
  };
}

function integerIn(name: string, text: string, range: { min: number; max: number }): number {
  if (/^\s*\d+\.\d+\s*$/.test(text)) throw new BenchUsageError(`${name} must be a whole number, got "${text}"`);
  return numberIn(name, text, range);
}

function numberIn(name: string, text: string, range: { min: number; max: number }): number {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new BenchUsageError(`${name} must be a number from ${range.min} to ${range.max}, got "${text}"`);
  }
  return value;
}
