import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../../lambda/errors.js';
import { parseEventBody } from '../../../lambda/events/index.js';

const DIRECTORY = 'examples/events';

/** What each sample must do; a new sample without a row fails the "covers every sample" test. */
const expectations: Record<string, { kind: 'accepted' | 'skipped'; envelope: string } | { error: string }> = {
  'bob-created.bare.json': { kind: 'accepted', envelope: 'bare' },
  'carol-updated.eventbridge.json': { kind: 'accepted', envelope: 'eventbridge' },
  'dan-created.sns.json': { kind: 'accepted', envelope: 'sns' },
  'erin-updated.already-right.json': { kind: 'accepted', envelope: 'bare' },
  'frank-created.not-ready-yet.json': { kind: 'accepted', envelope: 'bare' },
  'grace-created.cloudevents.json': { kind: 'accepted', envelope: 'cloudevents' },
  'henry-deleted.skipped.json': { kind: 'skipped', envelope: 'bare' },
  'invalid-email-and-typo.json': { error: 'person.email: invalid email; workplce: unknown field' },
  'ivan-updated.off-hunt-group.json': { kind: 'accepted', envelope: 'bare' },
  'jun-updated.direct-line.json': { kind: 'accepted', envelope: 'bare' },
};

const samples = readdirSync(DIRECTORY).filter((name) => name.endsWith('.json'));

describe(`the sample events in ${DIRECTORY}`, () => {
  it('covers every sample', () => {
    expect(samples.filter((name) => !(name in expectations))).toEqual([]);
  });

  it.each(Object.entries(expectations))('parses %s as documented', (name, expected) => {
    // Prepare
    const body = readFileSync(`${DIRECTORY}/${name}`, 'utf8');
    // Act
    const run = () => parseEventBody(body, { messageId: 'sqs-demo' });
    // Assess
    if ('error' in expected) {
      expect(run).toThrow(InvalidEventError);
      expect(run).toThrow(expected.error);
    } else {
      expect(run()).toMatchObject(expected);
    }
  });
});
