/**
 * `npm run bench`: the product's figures on this machine, printed and written to `bench/results.json`.
 *
 * 1. throughput against a Webex rate limit (whole local pipeline), and whether anything was lost;
 * 2. publish → outcome latency with 50 ms per Webex answer, and Webex calls per changed/unchanged event;
 * 3. bundle size and cold init of the deployable bundle beside the two AWS SDK clients alone;
 * 4. handler CPU per event (a forked worker, so only the handler's CPU is counted).
 *
 * Figures are information: a missed target is printed loudly but the exit code stays 0. Exit 2 on a bad command line,
 * 1 when the bench itself breaks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulesFile } from '../../tools/rules/index.js';
import { DEMO_ORG_PATH, loadOrgFixture } from '../webex-simulator/index.js';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchArgs } from './args.js';
import { renderSummary } from './format-summary.js';
import { closedLoopbackEndpoint, handlerEnv } from './handler-env.js';
import { CDK_FUNCTION_BUNDLING, measureBundles } from './phases/bundle.js';
import { AUDIT_BENCH_DEFAULTS } from './audit-settings.js';
import { measureAudit } from './phases/audit.js';
import { measureHandlerCpu } from './phases/handler-cpu.js';
import { measureLatency } from './phases/latency.js';
import { measureThroughput } from './phases/throughput.js';
import { bundleDetails, machineInfo, RESULTS_SCHEMA_VERSION, type BenchResults } from './results.js';
import { round } from './stats.js';
import { evaluateTargets } from './targets.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RULES_FILE = path.join(PROJECT_ROOT, 'config/ecbn-rules.yaml');

/** Per-phase settings derived from the command line. */
function plan(args: BenchArgs) {
  return {
    throughput: { events: args.events, rate: args.rate, maxConcurrentBatches: 4, maxParallelRecords: 5, batchSize: 10 },
    latency: {
      events: Math.min(args.events, args.quick ? 200 : 600),
      warmupEvents: 20,
      publishPerSecond: 60,
      simulatedLatencyMs: 50,
      maxConcurrentBatches: 4,
    },
    coldInitRuns: args.quick ? 3 : 15,
    handlerCpu: {
      events: Math.min(args.events, 2000),
      warmupEvents: args.quick ? 50 : 1000,
      batchSize: 10,
      rounds: args.quick ? 2 : 8,
    },
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const warnings = collectWarnings();
  const startedAt = Date.now();
  const loadAtStart = os.loadavg();
  const settings = plan(args);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ecbn-bench-'));
  try {
    const org = await loadOrgFixture(DEMO_ORG_PATH);
    const rules = loadRulesFile(RULES_FILE);
    // The function bundle carries the rules compiled to JSON (a JSON file is valid YAML too, for older handlers).
    const rulesJsonFile = path.join(workDir, 'ecbn-rules.json');
    writeFileSync(rulesJsonFile, `${JSON.stringify(rules, null, 2)}\n`);
    const progress = (line: string) => console.log(line);

    const rss = sampleRss();
    progress(
      `[1/4] throughput: ${settings.throughput.events} events, Webex simulator limited to ${settings.throughput.rate} req/s`,
    );
    const throughput = await timed(progress, () =>
      measureThroughput({ org, rules, rulesFile: RULES_FILE, ...settings.throughput, progress }),
    );
    progress(
      `[2/4] latency and calls per event: ${settings.latency.events} events at ${settings.latency.publishPerSecond}/s, ` +
        `${settings.latency.simulatedLatencyMs} ms per Webex answer`,
    );
    const latency = await timed(progress, () =>
      measureLatency({ org, rules, rulesFile: RULES_FILE, ...settings.latency, progress }),
    );
    const pipelinePeakRssMb = rss.stop();

    progress(`[3/4] bundles (CDK esbuild settings) and cold init, ${settings.coldInitRuns} runs each`);
    const closed = await closedLoopbackEndpoint();
    const bundles = await timed(progress, () =>
      measureBundles({
        projectRoot: PROJECT_ROOT,
        workDir,
        runs: settings.coldInitRuns,
        // The token prefetch must not reach anything: a closed port fails it at once, after the import is timed.
        env: handlerEnv({
          rulesFile: rulesJsonFile,
          webexApiBaseUrl: 'https://webexapis.com/v1',
          secretsManagerEndpoint: closed,
          sqsEndpoint: closed,
          dynamoDbEndpoint: closed,
        }),
      }),
    );
    progress(
      `[4/4] handler CPU: ${settings.handlerCpu.events} events with HTTP, ${settings.handlerCpu.events} without ` +
        `(after ${settings.handlerCpu.warmupEvents} warm-up events)`,
    );
    const handlerCpu = await timed(progress, () =>
      measureHandlerCpu({ org, rules, rulesJsonFile, bundleFile: bundles.handler.file, ...settings.handlerCpu }),
    );

    const auditSettings = args.quick ? AUDIT_BENCH_DEFAULTS.quick : AUDIT_BENCH_DEFAULTS.full;
    progress(
      `[5/5] audit: ${auditSettings.people} generated people, Webex simulator limited to ${auditSettings.rate} req/s ` +
        '(simulator and audit in their own processes)',
    );
    const audit = await timed(progress, () =>
      measureAudit({ ...auditSettings, concurrency: AUDIT_BENCH_DEFAULTS.concurrency, progress }),
    );

    const callsChanged = latency.calls.changed.callsPerEvent;
    const callsUnchanged = latency.calls.unchanged.callsPerEvent;
    const targets = evaluateTargets({
      ceilingRatio: throughput.ceilingRatio,
      nothingLost: throughput.accounting.nothingLost,
      callsPerChangedEvent: callsChanged,
      callsPerUnchangedEvent: callsUnchanged,
      ledgerCallsPerEvent: latency.ledger.callsPerEvent,
      handlerCpuRatio: handlerCpu.handlerCpuRatio,
      bundleBytes: bundles.handler.bytes,
    });
    const results: BenchResults = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      date: new Date(startedAt).toISOString(),
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      throughputEventsPerSec: round(throughput.throughputEventsPerSec, 1),
      ceilingEventsPerSec: round(throughput.ceilingEventsPerSec, 1),
      ceilingRatio: round(throughput.ceilingRatio, 3),
      nothingLost: throughput.accounting.nothingLost && latency.accounting.nothingLost,
      webexCallsPerEvent: { changed: round(callsChanged, 3), unchanged: round(callsUnchanged, 3) },
      ledgerCallsPerEvent: round(latency.ledger.callsPerEvent, 3),
      latencyMs: {
        p50: round(latency.latencyMs.p50, 1),
        p95: round(latency.latencyMs.p95, 1),
        p99: round(latency.latencyMs.p99, 1),
      },
      handlerCpuRatio: round(handlerCpu.handlerCpuRatio, 2),
      handlerEventsPerSecPerCore: Math.round(handlerCpu.withHttp.eventsPerSecPerCore),
      handlerEventsPerSecPerCoreWithoutHttp: Math.round(handlerCpu.withoutHttp.eventsPerSecPerCore),
      bundleBytes: bundles.handler.bytes,
      coldInitMs: round(bundles.handler.coldInit.medianMs, 1),
      sdkClientsOnlyBundleBytes: bundles.sdkClientsOnly.bytes,
      sdkClientsOnlyColdInitMs: round(bundles.sdkClientsOnly.coldInit.medianMs, 1),
      coldInitRatio: round(bundles.coldInitRatio, 2),
      coldInitCpuRatio: round(bundles.coldInitCpuRatio, 2),
      peakRssMb: round(pipelinePeakRssMb, 1),
      audit,
      targets,
      allTargetsMet: targets.every((verdict) => verdict.pass),
      machine: machineInfo(loadAtStart),
      durationSeconds: round((Date.now() - startedAt) / 1000, 1),
      details: {
        throughput,
        latency,
        handlerCpu,
        bundle: {
          settings: { ...CDK_FUNCTION_BUNDLING, entry: 'lambda/handler.ts', source: 'infra/ecbn-function.ts' },
          ...bundleDetails(bundles),
          coldInitHow:
            'fresh `node --enable-source-maps` per run timing only `await import(bundle)`, handler env set, ' +
            'Secrets Manager endpoint a closed loopback port; runs alternate handler / SDK clients alone',
        },
        memory: {
          pipelinePeakRssMb: round(pipelinePeakRssMb, 1),
          benchProcessMaxRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
          handlerWorkerMaxRssMb: round(handlerCpu.workerPeakRssMb, 1),
        },
      },
    };

    const out = path.resolve(args.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, roundedNumbers, 2)}\n`);
    console.log(`\n${renderSummary(results)}\n`);
    console.log(`Written to ${path.relative(process.cwd(), out) || out} in ${results.durationSeconds} s.`);
    warnings.print();
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function timed<T>(progress: (line: string) => void, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  progress(`      done in ${round((Date.now() - started) / 1000, 1)} s`);
  return result;
}

/** Samples the process RSS every 100 ms; `stop()` returns the peak in MB. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    },
  };
}

/** Node warnings (the SDK's Node 20 notice, listener counts) are summarised once at the end, not mid-table. */
function collectWarnings(): { print(): void } {
  const seen = new Map<string, { count: number; message: string }>();
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const entry = seen.get(warning.name);
    if (entry) entry.count += 1;
    else seen.set(warning.name, { count: 1, message: warning.message.split('\n')[0] ?? '' });
  });
  return {
    print() {
      for (const [name, { count, message }] of seen)
        console.log(`Node warning during the run: ${name} ×${count}: ${message}`);
    },
  };
}

/** JSON replacer: no 15-digit noise in the details. */
function roundedNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? round(value, 4) : value;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench: failed:', error);
    process.exit(1);
  },
);
