/**
 * The audit bench's worker: audits a generated org held by a simulator in another process, so its peak RSS is the
 * audit's own. Reads its job as JSON from argv[2], prints one JSON result line on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as z from 'zod';
import { createPacer, pacedTransport } from '../../lambda/audit/pacer.js';
import { createWebexClient } from '../../lambda/webex/client.js';
import { webexIdKey } from '../../lambda/webex/ids.js';
import { createNodeTransport } from '../../lambda/webex/node-transport.js';
import { runAudit } from '../../tools/audit/run-audit.js';
import { generatedPlacement, generatedRules } from '../webex-simulator/generated-org.js';

const jobSchema = z.strictObject({
  baseUrl: z.string().url(),
  token: z.string().min(1),
  people: z.number().int().positive(),
  rate: z.number().positive(),
  concurrency: z.number().int().positive(),
});

export interface AuditWorkerResult {
  readonly people: number;
  readonly callingPeople: number;
  readonly webexCalls: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly byStatus: Readonly<Record<string, number>>;
}

async function run(): Promise<AuditWorkerResult> {
  const job = jobSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  // The rules of the generated org only (its people live in the simulator's process).
  const rules = generatedRules(job.people);
  const transport = createNodeTransport();
  const webex = createWebexClient({
    baseUrl: job.baseUrl,
    getToken: () => Promise.resolve(job.token),
    // A burst of a tenth of a second, inside the simulator's bucket of one second.
    transport: pacedTransport(
      transport,
      createPacer(
        job.rate,
        Date.now,
        (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        Math.max(1, job.rate / 10),
      ),
    ),
  });
  const outDir = await mkdtemp(path.join(tmpdir(), 'ecbn-audit-bench-'));
  try {
    const result = await runAudit({
      webex,
      rules,
      placements: {
        placementsOf(personIds) {
          const found = new Map<string, { locationId: string; building: string; floor: string }>();
          for (const id of personIds) {
            const placement = generatedPlacement(id, job.people);
            if (placement !== undefined) found.set(webexIdKey(id), placement);
          }
          return Promise.resolve(found);
        },
      },
      placementsFromExport: true,
      outDir,
      auditId: 'bench',
      total: job.people,
      options: { concurrency: job.concurrency },
      print: (line) => process.stderr.write(`${line}\n`),
      now: Date.now,
    });
    clearInterval(sampler);
    return {
      people: result.summary.people,
      callingPeople: result.summary.callingPeople,
      webexCalls: result.webexCalls,
      wallMs: result.wallMs,
      peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
      byStatus: result.summary.byStatus,
    };
  } finally {
    transport.destroy();
    await rm(outDir, { recursive: true, force: true });
  }
}

run().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`audit worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
