/**
 * Bundle size and cold init: `lambda/handler.ts` bundled with the CDK function's esbuild settings, beside a bundle of
 * only the two AWS SDK clients the function needs (the floor any SQS + Secrets Manager function pays). Each is loaded
 * by a fresh `node` process that times the `import()` of the bundle; the runs alternate and the median is kept.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import * as z from 'zod';
import { packageBreakdown, type PackageShare } from '../package-breakdown.js';
import { median } from '../stats.js';

/**
 * The esbuild settings of `EcbnFunction` (`infra/ecbn-function.ts`) as `NodejsFunction` passes them to esbuild:
 * `--bundle --target=node24 --platform=node --format=esm --minify --sourcemap --sources-content=false
 * --banner:js=… --main-fields=module,main`, no externals (`externalModules: []`). `test/unit/bench` checks them
 * against the construct, so a change there fails the tests until it is made here too.
 */
export const CDK_FUNCTION_BUNDLING = {
  /** `Runtime.NODEJS_24_X` → CDK's `toTarget()` gives `node24`. */
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  /** `ESM_REQUIRE_BANNER` of the construct. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  external: [],
  /** NodejsFunction names the ESM output `index.mjs`. */
  outfileName: 'index.mjs',
} as const;

/** The entry of the baseline bundle: one client of each SDK package the function uses, constructed. */
export const SDK_CLIENTS_ONLY_ENTRY = `import { SQSClient } from '@aws-sdk/client-sqs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const sqs = new SQSClient({});
export const secretsManager = new SecretsManagerClient({});
export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

/**
 * The esbuild options of a bundle built like the function's.
 *
 * @example
 * await build(cdkLikeBuildOptions({ entryPoints: ['lambda/handler.ts'] }, 'out/handler'));
 */
export function cdkLikeBuildOptions(entry: Pick<BuildOptions, 'entryPoints' | 'stdin'>, outdir: string): BuildOptions {
  const s = CDK_FUNCTION_BUNDLING;
  return {
    ...entry,
    bundle: true,
    target: s.target,
    platform: s.platform,
    format: s.format,
    minify: s.minify,
    sourcemap: s.sourcemap,
    sourcesContent: s.sourcesContent,
    mainFields: [...s.mainFields],
    banner: { js: s.banner },
    external: [...s.external],
    outfile: path.join(outdir, s.outfileName),
    metafile: true,
    write: true,
    logLevel: 'error',
  };
}

export interface BuiltBundle {
  readonly file: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
  readonly packages: PackageShare[];
}

export interface ColdInit {
  /** Wall time of the import (what Lambda's init duration is made of). */
  readonly medianMs: number;
  readonly samplesMs: number[];
  /** CPU time of the import: less sensitive than wall time to other work on the machine. */
  readonly medianCpuMs: number;
  readonly samplesCpuMs: number[];
}

export interface BundleMeasurement {
  readonly handler: BuiltBundle & { readonly coldInit: ColdInit };
  readonly sdkClientsOnly: BuiltBundle & { readonly coldInit: ColdInit };
  /** handler cold init ÷ SDK-clients-only cold init (medians of wall time). */
  readonly coldInitRatio: number;
  /** The same ratio of CPU time. */
  readonly coldInitCpuRatio: number;
  readonly runs: number;
}

export interface BundleOptions {
  readonly projectRoot: string;
  /** Scratch directory (bundles, probe script). */
  readonly workDir: string;
  /** Environment of the probe processes: what the handler reads at import. */
  readonly env: Record<string, string>;
  /** Cold starts per bundle (the median is kept). */
  readonly runs: number;
}

/** Builds both bundles and measures their cold init. */
export async function measureBundles(options: BundleOptions): Promise<BundleMeasurement> {
  const handler = await buildBundle(
    cdkLikeBuildOptions(
      { entryPoints: [path.join(options.projectRoot, 'lambda/handler.ts')] },
      path.join(options.workDir, 'handler'),
    ),
  );
  const sdkClientsOnly = await buildBundle(
    cdkLikeBuildOptions(
      {
        stdin: {
          contents: SDK_CLIENTS_ONLY_ENTRY,
          resolveDir: options.projectRoot,
          sourcefile: 'sdk-clients-only.mjs',
          loader: 'js',
        },
      },
      path.join(options.workDir, 'sdk-clients-only'),
    ),
  );

  const probe = writeProbe(options.workDir);
  // One unmeasured load each (disk cache, V8 code cache are then equally warm), then alternate.
  await timeImport(probe, handler.file, options.env);
  await timeImport(probe, sdkClientsOnly.file, options.env);
  const handlerSamples: ImportTiming[] = [];
  const sdkSamples: ImportTiming[] = [];
  for (let run = 0; run < options.runs; run++) {
    handlerSamples.push(await timeImport(probe, handler.file, options.env));
    sdkSamples.push(await timeImport(probe, sdkClientsOnly.file, options.env));
  }
  const handlerInit = coldInitOf(handlerSamples);
  const sdkInit = coldInitOf(sdkSamples);
  return {
    handler: { ...handler, coldInit: handlerInit },
    sdkClientsOnly: { ...sdkClientsOnly, coldInit: sdkInit },
    coldInitRatio: handlerInit.medianMs / sdkInit.medianMs,
    coldInitCpuRatio: handlerInit.medianCpuMs / sdkInit.medianCpuMs,
    runs: options.runs,
  };
}

function coldInitOf(samples: readonly ImportTiming[]): ColdInit {
  const wall = samples.map((sample) => sample.importMs);
  const cpu = samples.map((sample) => sample.importCpuMs);
  return { medianMs: median(wall), samplesMs: wall, medianCpuMs: median(cpu), samplesCpuMs: cpu };
}

async function buildBundle(buildOptions: BuildOptions): Promise<BuiltBundle> {
  const result = await build(buildOptions);
  const file = buildOptions.outfile as string;
  const metafile = result.metafile as Metafile;
  return {
    file,
    bytes: readFileSync(file).byteLength,
    sourceMapBytes: readFileSync(`${file}.map`).byteLength,
    packages: packageBreakdown(metafile),
  };
}

/**
 * The probe: a fresh Node process that times only the `import()` of the bundle, prints it, and exits at once. Its
 * unhandled-rejection handler swallows the token prefetch that fails against the closed endpoint after the import.
 */
function writeProbe(workDir: string): string {
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, 'cold-init-probe.mjs');
  writeFileSync(
    file,
    [
      "process.on('unhandledRejection', () => {});",
      'const cpuBefore = process.cpuUsage();',
      'const started = performance.now();',
      'await import(process.argv[2]);',
      'const importMs = performance.now() - started;',
      'const cpu = process.cpuUsage(cpuBefore);',
      'const importCpuMs = (cpu.user + cpu.system) / 1000;',
      "process.stdout.write(JSON.stringify({ importMs, importCpuMs }) + '\\n');",
      'process.exit(0);',
      '',
    ].join('\n'),
  );
  return file;
}

const probeAnswer = z.object({ importMs: z.number().nonnegative(), importCpuMs: z.number().nonnegative() });
type ImportTiming = z.infer<typeof probeAnswer>;

/** One cold start: `node --enable-source-maps probe.mjs <bundle>` (the function sets `NODE_OPTIONS` to this flag). */
function timeImport(probe: string, bundle: string, env: Record<string, string>): Promise<ImportTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', probe, pathToFileURL(bundle).href], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(probeAnswer.parse(JSON.parse(line)));
      } catch {
        reject(
          new Error(`Cold-init probe of ${path.basename(path.dirname(bundle))} failed (exit ${code}): ${tail(stderr)}`),
        );
      }
    });
  });
}

function tail(text: string): string {
  const lines = text.trim().split('\n');
  return lines.slice(-5).join(' | ') || '(no output)';
}
