/**
 * An in-memory `WebexClient` for unit tests of the per-record flow: no network. Each operation can be scripted to
 * answer or throw, and every call is recorded.
 */
import { WebexNotFoundError } from '../../lambda/errors.js';
import type { AvailableNumber, EcbnSetting, PersonEcbn, WebexPerson } from '../../lambda/webex/models.js';
import type { WebexCallOptions, WebexClient } from '../../lambda/webex/types.js';

export interface FakeWebexCall {
  readonly operation: keyof WebexClient;
  readonly args: readonly unknown[];
  readonly orgId: string | undefined;
}

type Answer<T> = T | Error | ((...args: never[]) => T | Promise<T>);

export interface FakeWebexScript {
  person?: Answer<WebexPerson> | undefined;
  personByEmail?: WebexPerson | undefined;
  ecbn?: PersonEcbn;
  /** Pages of the calling-people listing, in order. */
  peoplePages?: WebexPerson[][];
  availableNumbers?: AvailableNumber[];
  /** Errors to throw from `updatePersonEcbn`, one per call, in order; `undefined` entries succeed. */
  updateErrors?: (Error | undefined)[];
  /**
   * Quality Webex reads an applied zone member back with (after a successful `LOCATION_MEMBER_NUMBER` PUT, the ECBN
   * read answers the member, as Webex does). @default 'RECOMMENDED'
   */
  readBackMemberQuality?: 'RECOMMENDED' | 'NOT_RECOMMENDED' | 'INVALID';
  /** Errors thrown once by the named operation before it answers normally. */
  failOnce?: Partial<Record<keyof WebexClient, Error[]>>;
  /** Extra attempts reported before the named operation's answer (e.g. a 429 the client retried by itself). */
  retriedAttempts?: Partial<Record<keyof WebexClient, { status: number; retryAfterSeconds?: number }[]>>;
}

export interface FakeWebexClient extends WebexClient {
  readonly calls: FakeWebexCall[];
  readonly updates: { personId: string; setting: EcbnSetting }[];
}

let trackingSequence = 0;

/**
 * @example
 * const webex = fakeWebexClient({ person: personFactory(), ecbn: personEcbnFactory() });
 */
export function fakeWebexClient(script: FakeWebexScript): FakeWebexClient {
  const calls: FakeWebexCall[] = [];
  const updates: { personId: string; setting: EcbnSetting }[] = [];
  const updateErrors = [...(script.updateErrors ?? [])];
  /** The scripted ECBN, with the last zone member put on top (what Webex reads back after the PUT). */
  const readBack = (personId: string): PersonEcbn => {
    const ecbn = script.ecbn ?? {};
    const last = updates.filter((update) => update.personId === personId).at(-1)?.setting;
    if (last?.selected !== 'LOCATION_MEMBER_NUMBER') return ecbn;
    return {
      ...ecbn,
      selected: 'LOCATION_MEMBER_NUMBER',
      locationMemberInfo: { memberId: last.locationMemberId, quality: script.readBackMemberQuality ?? 'RECOMMENDED' },
    };
  };

  const record = async <T>(
    operation: keyof WebexClient,
    args: unknown[],
    options: WebexCallOptions | undefined,
    answer: Answer<T>,
  ): Promise<T> => {
    calls.push({ operation, args, orgId: options?.orgId });
    for (const retried of script.retriedAttempts?.[operation] ?? []) {
      trackingSequence += 1;
      options?.onAttempt?.({
        method: 'GET',
        path: `/${operation}`,
        status: retried.status,
        trackingId: `FAKE_${trackingSequence}`,
        attempt: 1,
        durationMs: 1,
        retryAfterSeconds: retried.retryAfterSeconds,
      });
    }
    trackingSequence += 1;
    options?.onAttempt?.({
      method: operation === 'updatePersonEcbn' ? 'PUT' : 'GET',
      path: `/${operation}`,
      status: 200,
      trackingId: `FAKE_${trackingSequence}`,
      attempt: 1,
      durationMs: 1,
    });
    const pending = script.failOnce?.[operation];
    const failure = pending?.shift();
    if (failure) throw failure;
    if (answer instanceof Error) throw answer;
    // A function answer gets the call's arguments (e.g. the person id asked for).
    if (typeof answer === 'function') return (answer as (...a: unknown[]) => T | Promise<T>)(...args);
    return answer;
  };

  return {
    calls,
    updates,
    getPerson: (personId, options) => {
      if (!script.person) {
        return record('getPerson', [personId], options, () => {
          throw notFound();
        });
      }
      return record('getPerson', [personId], options, script.person);
    },
    findPersonByEmail: (email, options) => record('findPersonByEmail', [email], options, script.personByEmail),
    getPersonEcbn: (personId, options) => record('getPersonEcbn', [personId], options, () => readBack(personId)),
    updatePersonEcbn: (personId, setting, options) =>
      record('updatePersonEcbn', [personId, setting], options, () => {
        const error = updateErrors.shift();
        if (error) throw error;
        updates.push({ personId, setting });
      }),
    listPersonEcbnAvailableNumbers: (personId, filter, options) =>
      record('listPersonEcbnAvailableNumbers', [personId, filter], options, script.availableNumbers ?? []),
    async *listCallingPeople(filter, options) {
      for (const page of script.peoplePages ?? []) {
        yield await record('listCallingPeople', [filter], options, page);
      }
    },
    listCallingPeoplePage: (cursor, filter, options) =>
      record('listCallingPeoplePage', [cursor, filter], options, () => {
        const index = cursor === undefined ? 0 : Number(cursor);
        const pages = script.peoplePages ?? [];
        const people = pages[index] ?? [];
        return index + 1 < pages.length ? { people, next: String(index + 1) } : { people };
      }),
    getPersonEcbnDependencies: (personId, options) =>
      record('getPersonEcbnDependencies', [personId], options, {
        isLocationEcbnDefault: false,
        isSelfEcbnDefault: false,
        dependentMemberCount: 0,
      }),
    getLocationEcbn: (locationId, options) =>
      record('getLocationEcbn', [locationId], options, () => {
        throw new Error('getLocationEcbn is not scripted');
      }),
    // The org-wide reads of the rules tools: the per-record flow never calls them.
    listLocationEcbnAvailableNumbers: (locationId, filter, options) =>
      record('listLocationEcbnAvailableNumbers', [locationId, filter], options, notScripted),
    listCallingLocations: (options) => record('listCallingLocations', [], options, notScripted),
    listWorkspaces: (filter, options) => record('listWorkspaces', [filter], options, notScripted),
    listNumbers: (filter, options) => record('listNumbers', [filter], options, notScripted),
  };
}

function notScripted(): never {
  throw new Error('not scripted: the per-record flow does not read org-wide lists');
}

function notFound(): Error {
  return new WebexNotFoundError(404, { method: 'GET', path: '/people/{personId}', trackingId: 'FAKE_404' });
}
