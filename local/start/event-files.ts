/**
 * Reading the events `npm start` publishes: every `*.json` of a directory (the demo's `examples/events/`), or one file
 * holding one event, a JSON array of events, or one event per line (JSONL).
 *
 * Each event keeps its raw text (published as is, so the handler sees exactly what the file says) and what it says
 * about itself, read leniently so that an invalid event can still be named in the output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unwrapEnvelope } from '../../lambda/events/index.js';

/** One event to publish. */
export interface SampleEvent {
  /** Short name for the output: the file name without `.json` (`bob-created.bare`), or `file.json[2]`. */
  readonly label: string;
  /** The SQS message body, exactly as published. */
  readonly body: string;
  /** Its `eventId`, else its envelope's id (SNS `MessageId`, EventBridge `id`, CloudEvents `id`), when readable. */
  readonly eventId: string | undefined;
  /** `person.email` as written in the event, when readable. */
  readonly personEmail: string | undefined;
  /** `person.id` as written in the event, when readable. */
  readonly personId: string | undefined;
}

/**
 * Every `*.json` file of a directory, sorted by name.
 *
 * @example
 * loadEventDirectory('examples/events').map((e) => e.label); // ['bob-created.bare', 'carol-updated.eventbridge', …]
 */
export function loadEventDirectory(directory: string): SampleEvent[] {
  const names = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (names.length === 0) throw new Error(`No *.json event in ${directory}`);
  return names.map((name) =>
    describeEvent(name.replace(/\.json$/, ''), readFileSync(path.join(directory, name), 'utf8')),
  );
}

/**
 * One file of events: a JSON object (one event), a JSON array (several), or JSONL (one event per non-blank line).
 *
 * @example
 * loadEventsFile('hr-export.jsonl'); // [{ label: 'hr-export.jsonl[1]', body: '{"eventType":…}', … }, …]
 */
export function loadEventsFile(file: string): SampleEvent[] {
  return parseEventsText(readFileSync(file, 'utf8'), path.basename(file));
}

/**
 * The parsing of {@link loadEventsFile}, on text. A file that is neither JSON nor JSONL is an error naming the line;
 * an event that is JSON but not a valid event is returned (the handler rejects it, with its reason, into the DLQ).
 *
 * @example
 * parseEventsText('[{"eventType":"user.created"}]', 'x.json')[0]?.label; // 'x.json[1]'
 */
export function parseEventsText(text: string, name: string): SampleEvent[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new Error(`${name} holds no event`);
  let whole: unknown;
  let isJson = true;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    isJson = false;
  }
  if (isJson) {
    if (Array.isArray(whole)) {
      if (whole.length === 0) throw new Error(`${name} holds an empty array`);
      return whole.map((item, index) => describeEvent(`${name}[${index + 1}]`, JSON.stringify(item)));
    }
    return [describeEvent(name, trimmed)];
  }
  const events: SampleEvent[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().length === 0) return;
    try {
      JSON.parse(line);
    } catch {
      throw new Error(`${name} line ${index + 1} is not JSON (expected a JSON event, a JSON array or JSONL)`);
    }
    events.push(describeEvent(`${name}[${events.length + 1}]`, line.trim()));
  });
  return events;
}

/**
 * What an event body says about itself, read leniently (never throws): works for invalid events too.
 *
 * @example
 * describeEvent('bob', '{"eventId":"hr-1","person":{"email":"bob@example.com"}}');
 * // { label: 'bob', body: '…', eventId: 'hr-1', personEmail: 'bob@example.com', personId: undefined }
 */
export function describeEvent(label: string, body: string): SampleEvent {
  const payload = payloadOf(body);
  const person = objectAt(payload?.payload, 'person');
  return {
    label,
    body,
    eventId: text(payload?.payload.eventId) ?? payload?.id,
    personEmail: text(person?.email),
    personId: text(person?.id),
  };
}

function payloadOf(body: string): { payload: Record<string, unknown>; id: string | undefined } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  try {
    const unwrapped = unwrapEnvelope(json);
    return { payload: unwrapped.payload, id: text(unwrapped.id) };
  } catch {
    // A broken envelope: the handler dead-letters it; name it by what the top level says.
    const top = objectAt({ json }, 'json');
    return top ? { payload: top, id: text(top.id) } : undefined;
  }
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}
