/** Sizes of the audit bench phase: the full run audits ≥ 100,000 people (issue 11 §5), `--quick` a few thousand. */
export const AUDIT_BENCH_DEFAULTS = {
  full: { people: 100_000, rate: 800 },
  quick: { people: 2_000, rate: 400 },
  /** People audited at once: enough to fill the rate budget when each answer takes a few milliseconds. */
  concurrency: 32,
} as const;
