/**
 * The soak's books: from the plan, the handler's record reports, the DLQ and the simulator's final state, what
 * happened to every published message and every person. Pure.
 *
 * - A message has a *final outcome* when a report settled it (`updated`, `unchanged`, `fallback-updated`,
 *   `would-update`, `skipped`, `dead-lettered`) or the DLQ holds it (by `ecbn-source-message-id`). `lost` counts the
 *   messages with neither.
 * - A dead letter *has its reason* when it carries both `ecbn-error-class` and `ecbn-error`. A message that SQS's own
 *   redrive moved (after `maxReceiveCount` receives the handler never settled) has neither: it counts as a failure.
 * - A person is in the *wrong state* when the simulator's final ECBN differs from the plan's expected one (member ids
 *   compared with `sameWebexId`).
 */
import type { Message } from '@aws-sdk/client-sqs';
import { DLQ_ATTRIBUTE } from '../../lambda/failures/queue-actions.js';
import type { Outcome, RecordReport } from '../../lambda/flow/record-report.js';
import { sameWebexId } from '../../lambda/webex/ids.js';
import type { PersonEcbnSetting } from '../webex-simulator/index.js';
import type { MessageExpectation, PlannedMessage, SoakPerson } from './plan.js';

/** Outcomes that end a message's life (everything except `deferred`). */
const SETTLED: ReadonlySet<Outcome> = new Set<Outcome>([
  'updated',
  'unchanged',
  'fallback-updated',
  'would-update',
  'stale',
  'skipped',
  'dead-lettered',
]);

/** Final outcomes that satisfy each expectation. */
const EXPECTED_OUTCOMES: Readonly<Record<MessageExpectation, readonly string[]>> = {
  'ecbn-settled': ['updated', 'unchanged', 'fallback-updated'],
  // An older event for the same person: stale when the newer one was applied first, else applied then overridden.
  'settled-or-stale': ['stale', 'updated', 'unchanged', 'fallback-updated'],
  skipped: ['skipped'],
  'dead-letter-invalid': ['dead-lettered'],
  'dead-letter-not-ready': ['dead-lettered'],
};

const SAMPLE_SIZE = 5;

export interface AccountingInput {
  readonly messages: readonly PlannedMessage[];
  /** SQS message ids, aligned with `messages`. */
  readonly messageIds: readonly string[];
  readonly reports: readonly RecordReport[];
  readonly deadLetters: readonly Message[];
  /** Every person checked: the plan's, plus the org's own people (no event names them: expected = initial). */
  readonly people: readonly CheckedPerson[];
  readonly finalSetting: (personId: string) => PersonEcbnSetting;
}

/** A person whose final ECBN is checked. */
export interface CheckedPerson {
  readonly id: string;
  readonly initial: PersonEcbnSetting;
  readonly expected: PersonEcbnSetting;
  /** `org`: a person of the org fixture, not of the plan. */
  readonly role: SoakPerson['role'] | 'org';
}

export interface DeadLetterSummary {
  readonly messageId: string | undefined;
  readonly errorClass: string | undefined;
  readonly error: string | undefined;
}

export interface Accounting {
  readonly applied: number;
  readonly expectedApplied: number;
  readonly alreadyRight: number;
  readonly peopleChecked: number;
  readonly wrongState: number;
  readonly wrongStateSamples: readonly { personId: string; expected: PersonEcbnSetting; actual: PersonEcbnSetting }[];
  readonly deadLettered: number;
  readonly deadLetteredWithReason: number;
  readonly expectedDeadLettered: number;
  /** Expected dead letters found with the expected class/reason (invalid: permanent InvalidEventError; unknown person: "person not ready after …"). */
  readonly deadLetteredAsExpected: number;
  /** Dead letters of messages the plan expected to settle otherwise, or of no published message. */
  readonly unexpectedDeadLetters: number;
  /** The same message dead-lettered more than once (a DLQ send whose delete failed, then redelivered). */
  readonly duplicateDeadLetters: number;
  readonly deadLetterReasonSamples: Readonly<Record<string, string>>;
  readonly lost: number;
  readonly lostSamples: readonly { messageId: string; eventId: string; kind: string }[];
  /** Messages whose final outcome contradicts the plan (e.g. a valid event dead-lettered). */
  readonly misrouted: number;
  readonly misroutedSamples: readonly { eventId: string; kind: string; outcome: string }[];
  /** Final outcome per message kind. */
  readonly finalOutcomes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Every report by outcome (a message deferred three times counts three `deferred`). */
  readonly reportsByOutcome: Readonly<Record<string, number>>;
  readonly deferrals: number;
  readonly highestReceiveCount: number;
  /** Unknown-person messages deferred at least once before their verdict (the not-ready retry path ran). */
  readonly notReadyRetriedBeforeVerdict: number;
}

/**
 * @example
 * const books = account({ messages, messageIds, reports, deadLetters, people, finalSetting: (id) => state.personEcbnSetting(id) });
 * books.lost; // 0
 */
export function account(input: AccountingInput): Accounting {
  const indexByMessageId = new Map(input.messageIds.map((id, index) => [id, index]));

  // Reports: the last settled outcome per message; deferrals counted.
  const reportsByOutcome: Record<string, number> = {};
  const settledOutcome = new Map<string, Outcome>();
  const deferredMessages = new Set<string>();
  let highestReceiveCount = 0;
  for (const report of input.reports) {
    reportsByOutcome[report.outcome] = (reportsByOutcome[report.outcome] ?? 0) + 1;
    highestReceiveCount = Math.max(highestReceiveCount, report.receiveCount);
    if (report.outcome === 'deferred') deferredMessages.add(report.messageId);
    else if (SETTLED.has(report.outcome) && !report.reportAsFailed)
      settledOutcome.set(report.messageId, report.outcome);
  }

  // Dead letters: attributed by the source message id attribute.
  const deadLetters = input.deadLetters.map(summarizeDeadLetter);
  const deadLettersByMessage = new Map<string, DeadLetterSummary[]>();
  let deadLetteredWithReason = 0;
  let unexpectedDeadLetters = 0;
  let duplicateDeadLetters = 0;
  const deadLetterReasonSamples: Record<string, string> = {};
  for (const letter of deadLetters) {
    if (hasReason(letter)) deadLetteredWithReason += 1;
    const index = letter.messageId === undefined ? undefined : indexByMessageId.get(letter.messageId);
    const planned = index === undefined ? undefined : input.messages[index];
    if (!planned || letter.messageId === undefined) {
      unexpectedDeadLetters += 1;
      continue;
    }
    const previous = deadLettersByMessage.get(letter.messageId) ?? [];
    if (previous.length > 0) duplicateDeadLetters += 1;
    deadLettersByMessage.set(letter.messageId, [...previous, letter]);
    if (!planned.expectation.startsWith('dead-letter')) unexpectedDeadLetters += 1;
    const sampleKey = planned.invalidKind ?? planned.kind;
    if (letter.error !== undefined && deadLetterReasonSamples[sampleKey] === undefined) {
      deadLetterReasonSamples[sampleKey] = `${letter.errorClass ?? '?'}: ${letter.error}`;
    }
  }

  // Messages: final outcome, lost, misrouted.
  const finalOutcomes: Record<string, Record<string, number>> = {};
  const lostSamples: { messageId: string; eventId: string; kind: string }[] = [];
  const misroutedSamples: { eventId: string; kind: string; outcome: string }[] = [];
  let lost = 0;
  let misrouted = 0;
  let expectedDeadLettered = 0;
  let deadLetteredAsExpected = 0;
  let notReadyRetriedBeforeVerdict = 0;
  input.messages.forEach((planned, index) => {
    const messageId = input.messageIds[index] ?? '';
    const letters = deadLettersByMessage.get(messageId) ?? [];
    const outcome = settledOutcome.get(messageId) ?? (letters.length > 0 ? 'dead-lettered' : undefined);
    const byKind = (finalOutcomes[planned.kind] ??= {});
    byKind[outcome ?? 'none'] = (byKind[outcome ?? 'none'] ?? 0) + 1;
    if (outcome === undefined) {
      lost += 1;
      if (lostSamples.length < SAMPLE_SIZE)
        lostSamples.push({ messageId, eventId: planned.eventId, kind: planned.kind });
      return;
    }
    if (!EXPECTED_OUTCOMES[planned.expectation].includes(outcome)) {
      misrouted += 1;
      if (misroutedSamples.length < SAMPLE_SIZE) {
        misroutedSamples.push({ eventId: planned.eventId, kind: planned.kind, outcome });
      }
    }
    if (planned.expectation === 'dead-letter-invalid' || planned.expectation === 'dead-letter-not-ready') {
      expectedDeadLettered += 1;
      if (letters.some((letter) => reasonFits(planned.expectation, letter))) deadLetteredAsExpected += 1;
      if (planned.expectation === 'dead-letter-not-ready' && deferredMessages.has(messageId)) {
        notReadyRetriedBeforeVerdict += 1;
      }
    }
  });

  // People: final state against the plan.
  const wrongStateSamples: Accounting['wrongStateSamples'][number][] = [];
  let wrongState = 0;
  let applied = 0;
  let expectedApplied = 0;
  let alreadyRight = 0;
  for (const person of input.people) {
    const actual = input.finalSetting(person.id);
    const right = sameSetting(actual, person.expected);
    const needsChange = !sameSetting(person.initial, person.expected);
    if (person.role === 'target' && needsChange) {
      expectedApplied += 1;
      if (right) applied += 1;
    }
    if (person.role === 'target' && !needsChange) alreadyRight += 1;
    if (!right) {
      wrongState += 1;
      if (wrongStateSamples.length < SAMPLE_SIZE) {
        wrongStateSamples.push({ personId: person.id, expected: person.expected, actual });
      }
    }
  }

  return {
    applied,
    expectedApplied,
    alreadyRight,
    peopleChecked: input.people.length,
    wrongState,
    wrongStateSamples,
    deadLettered: deadLetters.length,
    deadLetteredWithReason,
    expectedDeadLettered,
    deadLetteredAsExpected,
    unexpectedDeadLetters,
    duplicateDeadLetters,
    deadLetterReasonSamples,
    lost,
    lostSamples,
    misrouted,
    misroutedSamples,
    finalOutcomes,
    reportsByOutcome,
    deferrals: reportsByOutcome.deferred ?? 0,
    highestReceiveCount,
    notReadyRetriedBeforeVerdict,
  };
}

/**
 * True when two ECBN settings are the same (member ids compared as Webex ids: the simulator may hold a differently
 * encoded id of the same member).
 *
 * @example
 * sameSetting({ selected: 'LOCATION_ECBN' }, { selected: 'LOCATION_ECBN' }); // true
 */
export function sameSetting(a: PersonEcbnSetting, b: PersonEcbnSetting): boolean {
  if (a.selected !== b.selected) return false;
  if (a.selected !== 'LOCATION_MEMBER_NUMBER') return true;
  return a.locationMemberId !== undefined && b.locationMemberId !== undefined
    ? sameWebexId(a.locationMemberId, b.locationMemberId)
    : a.locationMemberId === b.locationMemberId;
}

/** The reason attributes of a DLQ message. */
export function summarizeDeadLetter(message: Message): DeadLetterSummary {
  const attribute = (name: string): string | undefined => {
    const value = message.MessageAttributes?.[name]?.StringValue;
    return value === undefined || value === '' || value === '-' ? undefined : value;
  };
  return {
    messageId: attribute(DLQ_ATTRIBUTE.SOURCE_MESSAGE_ID),
    errorClass: attribute(DLQ_ATTRIBUTE.ERROR_CLASS),
    error: attribute(DLQ_ATTRIBUTE.ERROR),
  };
}

function hasReason(letter: DeadLetterSummary): boolean {
  return letter.errorClass !== undefined && letter.error !== undefined;
}

function reasonFits(expectation: MessageExpectation, letter: DeadLetterSummary): boolean {
  if (expectation === 'dead-letter-invalid') {
    return letter.errorClass === 'permanent' && (letter.error?.startsWith('InvalidEventError') ?? false);
  }
  return letter.errorClass === 'permanent' && (letter.error?.startsWith('person not ready after') ?? false);
}
