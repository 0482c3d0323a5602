/**
 * The bench's printed summary: the figures, then target vs measured with PASS/FAIL, then what the bundle is made of.
 * Pure (results in, text out).
 */
import type { PackageShare } from './package-breakdown.js';
import type { Accounting } from './bench-pipeline.js';
import type { BenchResults } from './results.js';
import { round } from './stats.js';
import { BYTES_PER_KB, type TargetVerdict } from './targets.js';

/**
 * Left-aligned columns separated by two spaces, the header underlined.
 *
 * @example
 * renderTable(['a', 'b'], [['1', '22']]); // 'a  b \n-  --\n1  22'
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * The verdict table.
 *
 * @example
 * renderTargets(results.targets); // 'metric  target  measured  verdict\n…'
 */
export function renderTargets(verdicts: readonly TargetVerdict[]): string {
  return renderTable(
    ['metric', 'target', 'measured', 'verdict'],
    verdicts.map((v) => [v.metric, v.target, v.measured, v.pass ? 'PASS' : 'FAIL <<<']),
  );
}

/**
 * The largest packages of a bundle.
 *
 * @example
 * renderPackages(packages, 10);
 */
export function renderPackages(packages: readonly PackageShare[], top: number): string {
  return renderTable(
    ['package', 'KB', 'share'],
    packages
      .slice(0, top)
      .map((p) => [p.package, String(round(p.bytes / BYTES_PER_KB, 1)), `${round(p.share * 100, 1)} %`]),
  );
}

/** The whole summary. */
export function renderSummary(results: BenchResults): string {
  const d = results.details;
  const t = d.throughput;
  const l = d.latency;
  const h = d.handlerCpu;
  const b = d.bundle;
  const m = results.machine;
  const figures = renderTable(
    ['figure', 'measured', 'how'],
    [
      [
        'throughputEventsPerSec',
        `${round(results.throughputEventsPerSec, 1)} events/s`,
        `${t.parameters.events} events, Webex limited to ${t.parameters.rateLimit.requestsPerSecond} req/s, ` +
          `${round(t.durationSeconds, 1)} s, ${t.rateLimitedAnswers} × 429`,
      ],
      [
        'ceilingEventsPerSec',
        `${round(results.ceilingEventsPerSec, 1)} events/s`,
        `${t.parameters.rateLimit.requestsPerSecond} req/s ÷ ${round(t.servedCallsPerEvent, 3)} Webex calls per event`,
      ],
      ['ceilingRatio', String(round(results.ceilingRatio, 3)), describeAccounting(t.accounting)],
      [
        'latencyMs p50/p95/p99',
        `${round(results.latencyMs.p50)} / ${round(results.latencyMs.p95)} / ${round(results.latencyMs.p99)} ms`,
        `publish → outcome; ${l.parameters.events} events at ${l.parameters.publishPerSecond}/s, ` +
          `${l.parameters.simulatedLatencyMs} ms per Webex answer`,
      ],
      [
        'webexCallsPerEvent',
        `changed ${round(results.webexCallsPerEvent.changed, 3)}, unchanged ${round(results.webexCallsPerEvent.unchanged, 3)}`,
        `${l.calls.changed.events} changed, ${l.calls.unchanged.events} unchanged events; by TrackingID`,
      ],
      [
        'ledgerCallsPerEvent',
        `${round(results.ledgerCallsPerEvent, 3)}`,
        `person ledger (DynamoDB on dynalite) requests per event of the latency run`,
      ],
      [
        'handlerCpuRatio',
        `${round(results.handlerCpuRatio, 2)} (${round(h.withHttp.cpuMsPerEvent, 3)} ÷ ${round(h.bareClient.cpuMsPerEvent, 3)} ms CPU/event)`,
        `median of ${h.rounds.length} alternating rounds: handler ÷ the same ${h.bareClient.requests} Webex requests by ` +
          `a bare keep-alive node:http client + ${h.bareClient.ledgerRequests} ledger requests by a bare DynamoDBClient`,
      ],
      [
        'handlerEventsPerSecPerCore',
        `${Math.round(results.handlerEventsPerSecPerCore)} (${round(h.withHttp.cpuMsPerEvent, 3)} ms CPU/event)`,
        `handler + keep-alive node:http transport (Node ${m.node}) over loopback, ${h.withHttp.events} events`,
      ],
      [
        '  … without HTTP',
        `${Math.round(results.handlerEventsPerSecPerCoreWithoutHttp)} (${round(h.withoutHttp.cpuMsPerEvent, 3)} ms CPU/event)`,
        'fetch answered in-process from a recording',
      ],
      [
        'audit ceilingRatio',
        `${round(results.audit.ceilingRatio, 3)} (${round(results.audit.peoplePerSecond, 1)} people/s)`,
        `${results.audit.people} people in ${round(results.audit.wallSeconds, 1)} s, ` +
          `${round(results.audit.webexCallsPerPerson, 3)} Webex calls/person, limit ${results.audit.simulatorRate} req/s, ` +
          `audit peak RSS ${round(results.audit.peakRssMb, 1)} MB`,
      ],
      [
        'bundleBytes',
        `${round(results.bundleBytes / BYTES_PER_KB, 1)} KB`,
        `SDK clients alone: ${round(results.sdkClientsOnlyBundleBytes / BYTES_PER_KB, 1)} KB`,
      ],
      [
        'coldInitMs',
        `${round(results.coldInitMs, 1)} ms`,
        `SDK clients alone: ${round(results.sdkClientsOnlyColdInitMs, 1)} ms (medians of ${b.coldInitRuns})`,
      ],
      [
        'coldInitRatio',
        String(round(results.coldInitRatio, 2)),
        `wall time; CPU time ${round(b.handler.coldInitMedianCpuMs, 1)} vs ${round(b.sdkClientsOnly.coldInitMedianCpuMs, 1)} ms ` +
          `(${round(results.coldInitCpuRatio, 2)})`,
      ],
      [
        'peakRssMb',
        `${round(results.peakRssMb, 1)} MB`,
        'bench process while the pipeline ran (SQS emulator, simulator, poller, handler)',
      ],
    ],
  );
  const missed = results.targets.filter((v) => !v.pass);
  const verdict =
    missed.length === 0
      ? 'All targets met.'
      : [
          '!'.repeat(100),
          `!!! ${missed.length} TARGET(S) MISSED: ${missed.map((v) => v.metric).join('; ')}`,
          '!!! The figures above are real; see bench/results.json and docs/performance.md for why.',
          '!'.repeat(100),
        ].join('\n');
  return [
    `ECBN provisioner bench — ${results.date} — ${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ` +
      `load ${m.loadAverage.atStart.join('/')} → ${m.loadAverage.atEnd.join('/')}`,
    '',
    figures,
    '',
    renderTargets(results.targets),
    '',
    'Handler bundle, largest packages (minified bytes):',
    renderPackages(b.handler.topPackages, 10),
    '',
    verdict,
  ].join('\n');
}

/**
 * One line for a run's accounting: outcomes, then every kind of loss in capitals, or "nothing lost".
 *
 * @example
 * describeAccounting(accounting); // '2000/2000 final (updated 1426, unchanged 574); nothing lost'
 */
export function describeAccounting(a: Accounting): string {
  const outcomes = Object.entries(a.outcomes)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
  const problems = [
    a.missing > 0 ? `${a.missing} MISSING` : '',
    a.unexpectedOutcomes > 0 ? `${a.unexpectedOutcomes} UNEXPECTED OUTCOMES` : '',
    a.wrongState > 0 ? `${a.wrongState} WRONG STATE` : '',
    a.deadLettered > 0 ? `${a.deadLettered} IN DLQ` : '',
    a.leftInQueue > 0 ? `${a.leftInQueue} LEFT IN QUEUE` : '',
  ].filter((text) => text !== '');
  return `${a.final}/${a.published} final (${outcomes}); ${problems.length === 0 ? 'nothing lost' : problems.join(', ')}`;
}
