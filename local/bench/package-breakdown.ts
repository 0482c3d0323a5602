/**
 * Which packages make up a bundle: esbuild's metafile (`metafile: true`) says how many bytes of the output each
 * input file became; this sums them per npm package. Pure.
 */
import type { Metafile } from 'esbuild';

/** Bytes of one output that came from one package (or from the project's own code). */
export interface PackageShare {
  /** `@scope/name`, `name`, `(own code)` or `(esbuild runtime and banner)`. */
  readonly package: string;
  readonly bytes: number;
  /** Of the output's bytes, 0–1. */
  readonly share: number;
}

export const OWN_CODE = '(own code)';
export const UNATTRIBUTED = '(esbuild runtime and banner)';

/**
 * The npm package an input path belongs to: the part after the last `node_modules/`.
 *
 * @example
 * packageOfInput('node_modules/@aws-sdk/client-sqs/dist-es/SQSClient.js'); // '@aws-sdk/client-sqs'
 * packageOfInput('node_modules/a/node_modules/yaml/dist/index.js'); // 'yaml'
 * packageOfInput('lambda/handler.ts'); // '(own code)'
 */
export function packageOfInput(inputPath: string): string {
  const path = inputPath.replaceAll('\\', '/');
  const marker = path.lastIndexOf('node_modules/');
  if (marker === -1) return OWN_CODE;
  const [first, second] = path.slice(marker + 'node_modules/'.length).split('/');
  if (first === undefined || first === '') return OWN_CODE;
  return first.startsWith('@') && second !== undefined ? `${first}/${second}` : first;
}

/**
 * Bytes per package of the one JavaScript output of a metafile, largest first. What esbuild adds itself (its
 * runtime helpers, the banner) is the remainder, listed as {@link UNATTRIBUTED}.
 *
 * @throws Error when the metafile has no JavaScript output.
 * @example
 * packageBreakdown(result.metafile).slice(0, 10);
 */
export function packageBreakdown(metafile: Metafile): PackageShare[] {
  const output = Object.entries(metafile.outputs).find(([path]) => /\.(m?js|cjs)$/.test(path))?.[1];
  if (!output) throw new Error('The metafile has no JavaScript output');
  const totals = new Map<string, number>();
  let attributed = 0;
  for (const [inputPath, input] of Object.entries(output.inputs)) {
    const name = packageOfInput(inputPath);
    totals.set(name, (totals.get(name) ?? 0) + input.bytesInOutput);
    attributed += input.bytesInOutput;
  }
  const remainder = output.bytes - attributed;
  if (remainder > 0) totals.set(UNATTRIBUTED, (totals.get(UNATTRIBUTED) ?? 0) + remainder);
  return [...totals]
    .map(([name, bytes]) => ({ package: name, bytes, share: output.bytes > 0 ? bytes / output.bytes : 0 }))
    .sort((a, b) => b.bytes - a.bytes || a.package.localeCompare(b.package));
}
