import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidRulesError } from '../../../lambda/errors.js';
import { loadCompiledRules } from '../../../lambda/rules/index.js';
import { compileRules, loadRulesFile } from '../../../tools/rules/index.js';

function writeTemp(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecbn-compiled-')), 'ecbn-rules.json');
  writeFileSync(file, text);
  return file;
}

describe('rules compiled for the function', () => {
  it('load back exactly as the YAML they were compiled from', () => {
    // Prepare
    const rules = loadRulesFile('config/ecbn-rules.yaml');
    // Act
    const loaded = loadCompiledRules(writeTemp(compileRules(rules)));
    // Assess
    expect(loaded).toEqual(rules);
  });

  it('refuse a YAML file, saying the function reads the compiled JSON', () => {
    const attempt = () => loadCompiledRules(writeTemp('version: 1\nlocations: []\n'));
    expect(attempt).toThrow(InvalidRulesError);
    expect(attempt).toThrow(/not JSON/);
  });

  it('run the same checks as the YAML loader', () => {
    const attempt = () => loadCompiledRules(writeTemp(JSON.stringify({ version: 2, locations: [] })));
    expect(attempt).toThrow(/version/);
  });

  it('name a missing file', () => {
    expect(() => loadCompiledRules('/nonexistent/ecbn-rules.json')).toThrow(/ecbn-rules\.json is invalid: \(file\)/);
  });
});
