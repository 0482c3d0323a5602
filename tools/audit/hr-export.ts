/**
 * An HR export: where people sit, as a CSV (header row; columns `email` or `personId`, `building`, `floor`, optional
 * `locationId`) or as JSON Lines of onboarding events (the product's own event contract, `lambda/events/`). Every row
 * is validated (zod) and every bad row is reported with its line number, all at once: an admin fixes the file in one
 * pass instead of one error per run. Used by `npm run audit -- --placements` and `npm run backfill`.
 */
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { onboardingEventSchema } from '../../lambda/events/index.js';
import { optionalWebexId, toOnboardingEvent } from '../../lambda/events/onboarding-event.js';
import { formatInputIssues, inputIssuesOf, terseErrorMap } from '../../lambda/events/zod-issues.js';

/** One valid row: who, where, and the line it came from. */
export interface HrExportRow {
  /** 1-based line of the file where the row ends. */
  readonly line: number;
  readonly personId?: string | undefined;
  readonly email?: string | undefined;
  readonly locationId?: string | undefined;
  readonly building: string;
  readonly floor?: string | undefined;
  /** JSON Lines only: the event's own id and time (kept when republished). */
  readonly eventId?: string | undefined;
  readonly occurredAt?: string | undefined;
}

export interface HrExportProblem {
  readonly line: number;
  readonly message: string;
}

export type HrExport =
  { readonly ok: true; readonly rows: HrExportRow[] } | { readonly ok: false; readonly problems: HrExportProblem[] };

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

const csvRowSchema = z
  .object({
    personId: optionalWebexId('PEOPLE'),
    email: z.preprocess(blank, z.email({ error: 'invalid email' }).optional()),
    building: z.preprocess(blank, z.string({ error: 'building is required' }).trim().min(1).max(128)),
    floor: text(128),
    locationId: optionalWebexId('LOCATION'),
  })
  .refine((row) => row.personId !== undefined || row.email !== undefined, { error: 'needs personId or email' });

const KNOWN_COLUMNS = ['personId', 'email', 'building', 'floor', 'locationId'];

/**
 * Parses an HR export; `name` decides the format (`.jsonl`/`.ndjson` = events, anything else = CSV).
 *
 * @example
 * const result = parseHrExport(readFileSync(file, 'utf8'), file);
 * if (!result.ok) for (const p of result.problems) console.error(`line ${p.line}: ${p.message}`);
 */
export function parseHrExport(content: string, name: string): HrExport {
  return /\.(jsonl|ndjson)$/i.test(name) ? parseEventLines(content) : parseCsv(content);
}

function parseCsv(content: string): HrExport {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, {
      columns: (header: string[]) => header.map((column) => column.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, message: error instanceof Error ? error.message : String(error) }] };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const headerProblems = checkHeader(content, header);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const rows: HrExportRow[] = [];
  const problems: HrExportProblem[] = [];
  for (const { record, info } of records) {
    const parsed = csvRowSchema.safeParse(record, { error: terseErrorMap });
    if (!parsed.success) problems.push({ line: info.lines, message: issuesText(parsed.error) });
    else rows.push({ line: info.lines, ...parsed.data });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the file has no rows' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

function checkHeader(content: string, header: readonly string[]): HrExportProblem[] {
  const columns = header.length > 0 ? header : (content.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim());
  const problems: string[] = [];
  const unknown = columns.filter((column) => !KNOWN_COLUMNS.includes(column));
  if (unknown.length > 0) problems.push(`unknown column(s) ${unknown.join(', ')} (known: ${KNOWN_COLUMNS.join(', ')})`);
  if (!columns.includes('building')) problems.push('the header needs a building column');
  if (!columns.includes('floor')) problems.push('the header needs a floor column');
  if (!columns.includes('email') && !columns.includes('personId')) problems.push('the header needs email or personId');
  return problems.map((message) => ({ line: 1, message }));
}

function parseEventLines(content: string): HrExport {
  const rows: HrExportRow[] = [];
  const problems: HrExportProblem[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'not valid JSON' });
      return;
    }
    const parsed = onboardingEventSchema.safeParse(json, { error: terseErrorMap });
    if (!parsed.success) {
      problems.push({ line, message: issuesText(parsed.error) });
      return;
    }
    const event = toOnboardingEvent(parsed.data);
    if (event.workplace?.building === undefined) {
      problems.push({ line, message: 'workplace.building is required (a placement needs a building)' });
      return;
    }
    rows.push({
      line,
      personId: event.person.id,
      email: event.person.email,
      locationId: event.locationId,
      building: event.workplace.building,
      floor: event.workplace.floor,
      eventId: event.eventId,
      occurredAt: event.occurredAt,
    });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the file has no rows' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

function issuesText(error: z.ZodError): string {
  return formatInputIssues(inputIssuesOf(error)).join('; ');
}
