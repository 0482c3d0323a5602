/**
 * The handler bundle of the bench's "without HTTP" run: `lambda/handler.ts` built exactly like the function's bundle,
 * except that the Webex client's default transport (`lambda/webex/node-transport.ts`, keep-alive `node:https`) is
 * swapped for one that calls `globalThis.fetch` at each request. The handler-CPU worker installs its replaying `fetch`
 * there (`replay-fetch.ts`), so this bundle runs all of the handler's code with the Webex answers served from memory.
 * The production bundle cannot be replayed that way: it never calls `fetch`.
 */
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { cdkLikeBuildOptions } from './phases/bundle.js';

/** The module that replaces `node-transport.ts`: same export, `fetch` behind it, resolved per call. */
export const FETCH_TRANSPORT_MODULE = `export function createNodeTransport() {
  return Object.assign((url, init) => globalThis.fetch(url, init), { destroy() {} });
}
`;

/** Imports of the node transport, as `create-handler.ts` writes them. */
const NODE_TRANSPORT_IMPORT = /(^|\/)node-transport\.js$/;

/**
 * An esbuild plugin that resolves every import of the node transport to {@link FETCH_TRANSPORT_MODULE}; `replaced()`
 * counts them (the build fails on 0: a bundle that still had the node transport would measure HTTP, silently).
 *
 * @example
 * const swap = fetchTransportPlugin();
 * await build({ ...options, plugins: [swap.plugin] });
 * swap.replaced(); // 1
 */
export function fetchTransportPlugin(): { plugin: Plugin; replaced: () => number } {
  let replaced = 0;
  const plugin: Plugin = {
    name: 'bench-fetch-transport',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: NODE_TRANSPORT_IMPORT }, (args) => {
        if (!args.importer.includes(`${path.sep}lambda${path.sep}`)) return undefined;
        replaced += 1;
        return { path: 'node-transport', namespace: 'bench-fetch-transport' };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'bench-fetch-transport' }, () => ({
        contents: FETCH_TRANSPORT_MODULE,
        loader: 'js',
      }));
    },
  };
  return { plugin, replaced: () => replaced };
}

/**
 * Builds the replay bundle into `outdir` and returns its file.
 *
 * @example
 * const file = await buildReplayBundle(projectRoot, path.join(workDir, 'handler-replay'));
 */
export async function buildReplayBundle(projectRoot: string, outdir: string): Promise<string> {
  const options = cdkLikeBuildOptions({ entryPoints: [path.join(projectRoot, 'lambda/handler.ts')] }, outdir);
  const swap = fetchTransportPlugin();
  await build({ ...options, plugins: [swap.plugin] });
  if (swap.replaced() === 0) {
    throw new Error('The replay bundle still has the node transport: no import of node-transport.js was replaced');
  }
  return options.outfile as string;
}
