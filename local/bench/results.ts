/**
 * The shape of `bench/results.json`: the headline figures at the top (names as in issue 6 §2), then the verdicts,
 * the machine, the parameters, and the details each figure came from.
 */
import os from 'node:os';
import type { PackageShare } from './package-breakdown.js';
import type { AuditMeasurement } from './phases/audit.js';
import type { BundleMeasurement } from './phases/bundle.js';
import type { HandlerCpuMeasurement } from './phases/handler-cpu.js';
import type { LatencyMeasurement } from './phases/latency.js';
import type { ThroughputMeasurement } from './phases/throughput.js';
import { round, type SampleSummary } from './stats.js';
import type { TargetVerdict } from './targets.js';

export const RESULTS_SCHEMA_VERSION = 2;

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryMb: number;
  readonly os: string;
  readonly arch: string;
  readonly node: string;
  /** The undici behind Node's global fetch (the handler's HTTP client). */
  readonly undici: string;
  /** 1/5/15-minute load averages when the run started and ended (other work on the machine skews figures). */
  readonly loadAverage: { readonly atStart: readonly number[]; readonly atEnd: readonly number[] };
}

export interface BenchResults {
  readonly schemaVersion: number;
  readonly date: string;
  readonly command: string;
  readonly throughputEventsPerSec: number;
  readonly ceilingEventsPerSec: number;
  readonly ceilingRatio: number;
  readonly nothingLost: boolean;
  readonly webexCallsPerEvent: { readonly changed: number; readonly unchanged: number };
  /** Person-ledger (DynamoDB) requests per event, measured in the latency run. */
  readonly ledgerCallsPerEvent: number;
  readonly latencyMs: Pick<SampleSummary, 'p50' | 'p95' | 'p99'>;
  /** Handler CPU per event ÷ CPU per event of a bare keep-alive client sending the same requests (same run). */
  readonly handlerCpuRatio: number;
  /** Information only: handler CPU with real HTTP (its keep-alive node:http(s) transport) over loopback. */
  readonly handlerEventsPerSecPerCore: number;
  /** Handler CPU with Webex answers replayed in-process (the product's own code, no HTTP client). */
  readonly handlerEventsPerSecPerCoreWithoutHttp: number;
  readonly bundleBytes: number;
  readonly coldInitMs: number;
  readonly sdkClientsOnlyBundleBytes: number;
  readonly sdkClientsOnlyColdInitMs: number;
  /** Information only (no target). */
  readonly coldInitRatio: number;
  /** The same ratio of the imports' CPU time (less sensitive to other work on the machine). */
  readonly coldInitCpuRatio: number;
  /** Peak RSS of the bench process while the local pipeline ran (SQS emulator, simulator, poller, handler). */
  readonly peakRssMb: number;
  /** The audit phase (issue 11 §5): a generated org audited inside the simulator's rate limit. */
  readonly audit: AuditMeasurement;
  readonly targets: readonly TargetVerdict[];
  readonly allTargetsMet: boolean;
  readonly machine: MachineInfo;
  readonly durationSeconds: number;
  readonly details: {
    readonly throughput: ThroughputMeasurement;
    readonly latency: LatencyMeasurement;
    readonly handlerCpu: HandlerCpuMeasurement;
    readonly bundle: {
      readonly settings: Readonly<Record<string, unknown>>;
      readonly handler: BundleDetail;
      readonly sdkClientsOnly: BundleDetail;
      readonly coldInitRuns: number;
      readonly coldInitHow: string;
    };
    readonly memory: {
      readonly pipelinePeakRssMb: number;
      readonly benchProcessMaxRssMb: number;
      readonly handlerWorkerMaxRssMb: number;
    };
  };
}

interface BundleDetail {
  readonly bytes: number;
  readonly sourceMapBytes: number;
  readonly coldInitMedianMs: number;
  readonly coldInitSamplesMs: readonly number[];
  readonly coldInitMedianCpuMs: number;
  readonly coldInitSamplesCpuMs: readonly number[];
  /** Largest contributors (minified bytes in the bundle). */
  readonly topPackages: readonly PackageShare[];
}

/**
 * @example
 * machineInfo([1.2, 0.9, 0.7]); // { cpuModel: 'Intel(R) Xeon(R) Processor', cores: 2, ... }
 */
export function machineInfo(loadAtStart: readonly number[]): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    os: `${os.type()} ${os.release()}`,
    arch: process.arch,
    node: process.version,
    undici: process.versions.undici ?? 'unknown',
    loadAverage: { atStart: loadAtStart.map((l) => round(l, 2)), atEnd: os.loadavg().map((l) => round(l, 2)) },
  };
}

/** The bundle part of the details, with the top `top` packages. */
export function bundleDetails(
  measurement: BundleMeasurement,
  top = 12,
): Pick<BenchResults['details']['bundle'], 'handler' | 'sdkClientsOnly' | 'coldInitRuns'> {
  const detail = (b: BundleMeasurement['handler']): BundleDetail => ({
    bytes: b.bytes,
    sourceMapBytes: b.sourceMapBytes,
    coldInitMedianMs: round(b.coldInit.medianMs, 1),
    coldInitSamplesMs: b.coldInit.samplesMs.map((ms) => round(ms, 1)),
    coldInitMedianCpuMs: round(b.coldInit.medianCpuMs, 1),
    coldInitSamplesCpuMs: b.coldInit.samplesCpuMs.map((ms) => round(ms, 1)),
    topPackages: b.packages.slice(0, top).map((p) => ({ ...p, share: round(p.share, 4) })),
  });
  return {
    handler: detail(measurement.handler),
    sdkClientsOnly: detail(measurement.sdkClientsOnly),
    coldInitRuns: measurement.runs,
  };
}
