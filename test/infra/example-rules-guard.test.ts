import { describe, expect, it } from 'vitest';
import { InvalidRulesError } from '../../lambda/errors.js';
import { loadRulesFile } from '../../tools/rules/index.js';
import { VALID_RULES_YAML, synthesize, writeRulesFile } from './helpers/synth.js';

const EXAMPLE_RULES_YAML = `${VALID_RULES_YAML}example: true\n`;

describe('synth and example rules (a file marked example: true)', () => {
  it('refuses the demo org’s rules shipped in config/ecbn-rules.yaml, pointing to discover', () => {
    // Act + Assess
    expect(() => synthesize({ rulesFile: 'config/ecbn-rules.yaml' })).toThrow(InvalidRulesError);
    expect(() => synthesize({ rulesFile: 'config/ecbn-rules.yaml' })).toThrow(
      /config\/ecbn-rules\.yaml is invalid: example: true: these are example rules .*npm run rules -- discover/,
    );
  });

  it('refuses any rules file marked as an example, naming the way out', () => {
    const rulesFile = writeRulesFile(EXAMPLE_RULES_YAML);

    expect(() => synthesize({ rulesFile })).toThrow(/-c allowExampleRules=true to deploy the example anyway/);
  });

  it('deploys an example with -c allowExampleRules=true', () => {
    // Act
    const { template } = synthesize({ rulesFile: writeRulesFile(EXAMPLE_RULES_YAML), allowExampleRules: 'true' });

    // Assess
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).length).toBeGreaterThan(0);
  });

  it('deploys rules without the mark, and rules marked example: false', () => {
    expect(() => synthesize({ rulesFile: writeRulesFile(`${VALID_RULES_YAML}example: false\n`) })).not.toThrow();
  });

  it('keeps the local demo’s rules loadable (the mark is only read by synth)', () => {
    expect(loadRulesFile('config/ecbn-rules.yaml').example).toBe(true);
  });
});
