import { describe, expect, it } from 'vitest';
import { describeEvent, loadEventDirectory, parseEventsText } from '../../../local/start/event-files.js';
import {
  cloudEventFactory,
  eventBridgeEventFactory,
  onboardingEventFactory,
  snsNotificationFactory,
  toBody,
} from '../../helpers/event-factories.js';

describe('parseEventsText', () => {
  it('reads one JSON event as one event, published exactly as written', () => {
    // Prepare
    const text = '{ "eventType": "user.created",\n  "eventId": "hr-1" }\n';
    // Act
    const events = parseEventsText(text, 'one.json');
    // Assess
    expect(events).toEqual([expect.objectContaining({ label: 'one.json', eventId: 'hr-1', body: text.trim() })]);
  });

  it('reads a JSON array as one event per item, numbered from 1', () => {
    // Act
    const events = parseEventsText('[{"eventId":"a"},{"eventId":"b"}]', 'many.json');
    // Assess
    expect(events.map((event) => [event.label, event.eventId, event.body])).toEqual([
      ['many.json[1]', 'a', '{"eventId":"a"}'],
      ['many.json[2]', 'b', '{"eventId":"b"}'],
    ]);
  });

  it('reads JSONL as one event per non-blank line', () => {
    // Act
    const events = parseEventsText('{"eventId":"a"}\n\n{"eventId":"b"}\r\n', 'hr.jsonl');
    // Assess
    expect(events.map((event) => [event.label, event.eventId])).toEqual([
      ['hr.jsonl[1]', 'a'],
      ['hr.jsonl[2]', 'b'],
    ]);
  });

  it.each([
    { text: '  \n', message: 'x holds no event' },
    { text: '[]', message: 'x holds an empty array' },
    { text: '{"eventId":"a"}\nnot json', message: 'x line 2 is not JSON' },
  ])('refuses $text with "$message"', ({ text, message }) => {
    // Act
    const parse = () => parseEventsText(text, 'x');
    // Assess
    expect(parse).toThrow(message);
  });

  it('keeps a JSON event the handler will reject, so it shows up with its reason', () => {
    // Act
    const events = parseEventsText('[{"eventType":"user.created","person":{"email":"nope"}}]', 'bad.json');
    // Assess
    expect(events).toEqual([
      expect.objectContaining({ label: 'bad.json[1]', personEmail: 'nope', eventId: undefined }),
    ]);
  });
});

describe('describeEvent', () => {
  const event = onboardingEventFactory({ eventId: 'hr-7', person: { id: 'p-1', email: 'ana@example.com' } });

  it.each([
    { envelope: 'bare', body: toBody(event), eventId: 'hr-7' },
    { envelope: 'SNS', body: toBody(snsNotificationFactory(event)), eventId: 'hr-7' },
    { envelope: 'EventBridge', body: toBody(eventBridgeEventFactory(event)), eventId: 'hr-7' },
    { envelope: 'CloudEvents', body: toBody(cloudEventFactory(event)), eventId: 'hr-7' },
  ])('reads the event id and person inside a $envelope envelope', ({ body, eventId }) => {
    // Act
    const described = describeEvent('x', body);
    // Assess
    expect(described).toMatchObject({ eventId, personEmail: 'ana@example.com', personId: 'p-1' });
  });

  it('takes the envelope id when the event has none, as the handler does', () => {
    // Prepare
    const body = toBody({ specversion: '1.0', id: 'ce-1', source: '/hr', type: 'user.created', data: { person: {} } });
    // Act
    const described = describeEvent('x', body);
    // Assess
    expect(described.eventId).toBe('ce-1');
  });

  it.each(['not json', '42', '{"Type":"Notification","Message":"{broken"}'])('never throws, even on %s', (body) => {
    // Act
    const describe = () => describeEvent('x', body);
    // Assess
    expect(describe).not.toThrow();
    expect(describe()).toMatchObject({ label: 'x', body });
  });
});

describe('loadEventDirectory', () => {
  it('reads every sample of examples/events, sorted, labelled by file name', () => {
    // Act
    const events = loadEventDirectory('examples/events');
    // Assess
    expect(events.map((e) => e.label)).toEqual([...events.map((e) => e.label)].sort());
    expect(events.map((e) => e.label)).toContain('grace-created.cloudevents');
    expect(events.every((e) => e.eventId !== undefined)).toBe(true);
  });
});
