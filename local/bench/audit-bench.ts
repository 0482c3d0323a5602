/**
 * `npm run bench:audit -- [--people N] [--rate R]`: only the audit phase, merged under `audit` into
 * bench/results.json (the rest of the file is kept). `npm run bench` runs the same phase.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AUDIT_BENCH_DEFAULTS } from './audit-settings.js';
import { measureAudit } from './phases/audit.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { people: { type: 'string' }, rate: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const people = values.people === undefined ? AUDIT_BENCH_DEFAULTS.full.people : Number(values.people);
  const rate = values.rate === undefined ? AUDIT_BENCH_DEFAULTS.full.rate : Number(values.rate);
  if (!Number.isInteger(people) || people < 1 || !(rate > 0)) {
    console.error('Usage: npm run bench:audit -- [--people N] [--rate R] [--out FILE]');
    return 2;
  }
  const out = values.out ?? 'bench/results.json';
  console.log(`audit: ${people} generated people, Webex simulator limited to ${rate} req/s (own process)`);
  const audit = await measureAudit({
    people,
    rate,
    concurrency: AUDIT_BENCH_DEFAULTS.concurrency,
    progress: (line) => console.log(line),
  });
  const existing = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(out, `${JSON.stringify({ ...existing, audit }, null, 2)}\n`);
  console.log(JSON.stringify(audit, null, 2));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench:audit failed:', error);
    process.exit(1);
  },
);
