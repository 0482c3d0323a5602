/**
 * The bench's printed summary: the figures, then target vs measured with PASS/FAIL, then what the bundle is made of.
 * Pure (results in, text out).
 */
import type { PackageShare } from './package-breakdown.js';
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
        `${t.parameters.events} events, simulator limited to ${t.parameters.rateLimit.requestsPerSecond} req/s; ` +
          `ceiling ${round(results.ceilingEventsPerSec, 1)} events/s = ${t.parameters.rateLimit.requestsPerSecond} ÷ ` +
          `${round(t.servedCallsPerEvent, 3)} calls/event; ${t.rateLimitedAnswers} × 429; ` +
          `${round(t.durationSeconds, 1)} s`,
      ],
      ['ceilingRatio', String(round(results.ceilingRatio, 3)), accountingText(t.accounting)],
      [
        'latencyMs p50 / p95 / p99',
        `${round(results.latencyMs.p50)} / ${round(results.latencyMs.p95)} / ${round(results.latencyMs.p99)} ms`,
        `publish → outcome, ${l.parameters.events} events at ${l.parameters.publishPerSecond}/s, ` +
          `${l.parameters.simulatedLatencyMs} ms per Webex answer, no rate limit`,
      ],
      [
        'webexCallsPerEvent',
        `changed ${round(results.webexCallsPerEvent.changed, 3)}, unchanged ${round(results.webexCallsPerEvent.unchanged, 3)}`,
        `${l.calls.changed.events} changed + ${l.calls.unchanged.events} unchanged events; requests attributed ` +
          `by TrackingID (${l.calls.unattributedRequests} unattributed; counters total ${l.counterTotal})`,
      ],
      [
        'handlerEventsPerSecPerCore',
        `${Math.round(results.handlerEventsPerSecPerCore)} (${round(h.withHttp.cpuMsPerEvent, 3)} ms CPU/event)`,
        `with HTTP: handler + Node ${m.node} fetch over loopback, ${h.withHttp.events} events`,
      ],
      [
        '  … without HTTP',
        `${Math.round(results.handlerEventsPerSecPerCoreWithoutHttp)} (${round(h.withoutHttp.cpuMsPerEvent, 3)} ms CPU/event)`,
        `fetch answered in-process from a recording; ${h.withoutHttp.replayMisses} replay misses`,
      ],
      [
        'bundleBytes',
        `${results.bundleBytes} B (${round(results.bundleBytes / BYTES_PER_KB, 1)} KB)`,
        `SDK clients alone: ${results.sdkClientsOnlyBundleBytes} B (${round(results.sdkClientsOnlyBundleBytes / BYTES_PER_KB, 1)} KB)`,
      ],
      [
        'coldInitMs',
        `${round(results.coldInitMs, 1)} ms`,
        `SDK clients alone: ${round(results.sdkClientsOnlyColdInitMs, 1)} ms; median of ${b.coldInitRuns} runs each`,
      ],
      [
        'coldInitRatio',
        String(round(results.coldInitRatio, 2)),
        `wall time; CPU time ${round(b.handler.coldInitMedianCpuMs, 1)} vs ${round(b.sdkClientsOnly.coldInitMedianCpuMs, 1)} ms ` +
          `(ratio ${round(results.coldInitCpuRatio, 2)})`,
      ],
      [
        'peakRssMb',
        `${round(results.peakRssMb, 1)} MB`,
        `bench process during the pipeline runs; handler worker ${round(d.memory.handlerWorkerMaxRssMb, 1)} MB`,
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
          '!!! The figures above are real; see bench/results.json and the README "Performance" section for why.',
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

function accountingText(a: BenchResults['details']['throughput']['accounting']): string {
  const outcomes = Object.entries(a.outcomes)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
  return (
    `${a.final}/${a.published} final (${outcomes}); missing ${a.missing}, unexpected ${a.unexpectedOutcomes}, ` +
    `wrong state ${a.wrongState}, DLQ ${a.deadLettered}, left ${a.leftInQueue}` +
    (a.nothingLost ? ' — nothing lost' : ' — LOST OR WRONG')
  );
}
