/** The command-line options the rules commands share (`--webex-url URL`, `--out FILE`, flags), parsed once. */

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly positional: readonly string[];
}

export type ArgsResult =
  { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly problem: string };

/**
 * @param flags options without a value (`--org`); `valued` options take the next argument or `=value`.
 * @example
 * parseArgs(['--org', '--webex-url=http://127.0.0.1:1/v1', 'rules.yaml'], ['--org'], ['--webex-url']);
 * // { ok: true, args: { flags: {'--org'}, values: {'--webex-url' → 'http://127.0.0.1:1/v1'}, positional: ['rules.yaml'] } }
 */
export function parseArgs(argv: readonly string[], flags: readonly string[], valued: readonly string[]): ArgsResult {
  const seenFlags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.split(/=(.*)/s, 2);
    if (flags.includes(name) && inline === undefined) {
      seenFlags.add(name);
    } else if (valued.includes(name)) {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || value === '') return { ok: false, problem: `${name} needs a value` };
      values.set(name, value);
    } else {
      return { ok: false, problem: `Unknown option ${arg}` };
    }
  }
  return { ok: true, args: { flags: seenFlags, values, positional } };
}
