/**
 * Bench phase `audit`: a whole generated org audited against a rate-limited simulator, each in its own process (the
 * simulator's 100,000 people are not counted in the audit's memory). Figures (issue 11 §5):
 * - `people`, `wallSeconds`;
 * - `webexCallsPerPerson` = Webex calls ÷ people (ECBN reads, list pages, zone reads);
 * - `ceilingRatio` = people per second ÷ (simulator rate limit ÷ webexCallsPerPerson): 1 means the audit used the
 *   whole rate budget and nothing else held it back;
 * - `peakRssMb` of the audit's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { AuditWorkerResult } from '../audit-worker.js';
import { round } from '../stats.js';

export interface AuditBenchSettings {
  readonly people: number;
  /** Simulator rate limit (requests per second; its bucket holds one second of them). */
  readonly rate: number;
  readonly concurrency: number;
  readonly progress: (line: string) => void;
}

export interface AuditMeasurement {
  readonly people: number;
  readonly callingPeople: number;
  readonly wallSeconds: number;
  readonly peoplePerSecond: number;
  readonly webexCalls: number;
  readonly webexCallsPerPerson: number;
  /** The same per calling person (not-calling people cost no ECBN read). */
  readonly webexCallsPerCallingPerson: number;
  readonly ceilingPeoplePerSecond: number;
  readonly ceilingRatio: number;
  readonly peakRssMb: number;
  readonly simulatorRate: number;
  readonly concurrency: number;
  readonly byStatus: Readonly<Record<string, number>>;
}

const SIMULATOR_CLI = fileURLToPath(new URL('../../webex-simulator/cli.ts', import.meta.url));
const WORKER = fileURLToPath(new URL('../audit-worker.ts', import.meta.url));

/**
 * @example
 * const audit = await measureAudit({ people: 100_000, rate: 800, concurrency: 32, progress: console.log });
 */
export async function measureAudit(settings: AuditBenchSettings): Promise<AuditMeasurement> {
  const simulator = spawn(
    process.execPath,
    [
      ...process.execArgv,
      SIMULATOR_CLI,
      '--port',
      '0',
      '--generated',
      String(settings.people),
      '--rate',
      `${settings.rate}:${settings.rate}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const { baseUrl, token } = await simulatorEndpoint(simulator);
    const result = await runWorker(
      {
        baseUrl,
        token,
        people: settings.people,
        rate: settings.rate,
        concurrency: settings.concurrency,
      },
      settings.progress,
    );
    const wallSeconds = result.wallMs / 1000;
    const webexCallsPerPerson = result.webexCalls / result.people;
    const peoplePerSecond = result.people / wallSeconds;
    const ceilingPeoplePerSecond = settings.rate / webexCallsPerPerson;
    return {
      people: result.people,
      callingPeople: result.callingPeople,
      wallSeconds: round(wallSeconds, 1),
      peoplePerSecond: round(peoplePerSecond, 1),
      webexCalls: result.webexCalls,
      webexCallsPerPerson: round(webexCallsPerPerson, 4),
      webexCallsPerCallingPerson: round(result.webexCalls / Math.max(1, result.callingPeople), 4),
      ceilingPeoplePerSecond: round(ceilingPeoplePerSecond, 1),
      ceilingRatio: round(peoplePerSecond / ceilingPeoplePerSecond, 3),
      peakRssMb: round(result.peakRssMb, 1),
      simulatorRate: settings.rate,
      concurrency: settings.concurrency,
      byStatus: result.byStatus,
    };
  } finally {
    simulator.kill('SIGTERM');
  }
}

/** Reads the simulator's banner: `  base URL: …` and `  token:    …`. */
function simulatorEndpoint(child: ChildProcess): Promise<{ baseUrl: string; token: string }> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error('simulator has no stdout'));
    const lines = createInterface({ input: child.stdout });
    let baseUrl: string | undefined;
    lines.on('line', (line) => {
      const base = /^\s*base URL:\s*(\S+)/.exec(line);
      const token = /^\s*token:\s*(\S+)/.exec(line);
      if (base?.[1] !== undefined) baseUrl = base[1];
      if (token?.[1] !== undefined && baseUrl !== undefined) {
        lines.close();
        resolve({ baseUrl, token: token[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before it listened`)));
  });
}

function runWorker(job: Record<string, unknown>, progress: (line: string) => void): Promise<AuditWorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, WORKER, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    // Progress lines of the audit, shown as they come (at most one a second).
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.startsWith('audit:')) progress(`      ${line}`);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`audit worker exited with ${code}`));
      try {
        resolve(JSON.parse(output) as AuditWorkerResult);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
