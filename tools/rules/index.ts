/**
 * The rules tooling (admin CLIs and synth): reading rules YAML with source lines, summaries, the compiled JSON the
 * function bundles, `rules:check` and `discover`. The function itself only needs `lambda/rules/`.
 */
export { parseRules } from './parse-rules.js';
export { DEFAULT_RULES_FILE, loadRulesFile } from './load-rules.js';
export { compileRules } from './compile-rules.js';
export { describeDefaults, summarizeRules } from './summarize.js';
