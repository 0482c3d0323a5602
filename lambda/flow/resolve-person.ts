/**
 * Finds the event's person in Webex: by id, else by email (People API with `callingData=true`, which is what returns
 * `locationId` and `extension`: https://developer.webex.com/docs/api/v1/people/list-people).
 *
 * A person that is unknown, or known but without a Webex Calling location, is *not ready*: HR systems often publish
 * before the calling licence is assigned. So is a person whose Webex Calling location differs from the one the event
 * names (a `user.moved` that Webex has not caught up with yet).
 */
import { PersonNotReadyError, WebexNotFoundError } from '../errors.js';
import type { OnboardingEvent } from '../events/index.js';
import { sameWebexId } from '../webex/ids.js';
import type { WebexPerson } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';

export interface ResolvedPerson {
  readonly person: WebexPerson;
  /** The person's Webex Calling location. */
  readonly locationId: string;
}

/**
 * @throws PersonNotReadyError when the person is not (yet) a Webex Calling user at the expected location.
 *
 * @example
 * const { person, locationId } = await resolvePerson(client, event, { orgId: event.orgId });
 */
export async function resolvePerson(
  client: WebexClient,
  event: OnboardingEvent,
  options: WebexCallOptions,
): Promise<ResolvedPerson> {
  const person = await findPerson(client, event, options);
  const who = event.person.id ? 'the person id' : 'the person email';
  if (!person) throw new PersonNotReadyError(`No Webex person matches ${who} yet`);
  if (!person.locationId) {
    throw new PersonNotReadyError('The person has no Webex Calling location yet (calling licence not assigned?)');
  }
  if (event.locationId && !sameWebexId(event.locationId, person.locationId)) {
    throw new PersonNotReadyError("The person's Webex Calling location differs from the event's locationId");
  }
  return { person, locationId: person.locationId };
}

async function findPerson(
  client: WebexClient,
  event: OnboardingEvent,
  options: WebexCallOptions,
): Promise<WebexPerson | undefined> {
  if (event.person.id) {
    try {
      // GET /people/{personId} documents no orgId: a person id is global.
      return await client.getPerson(event.person.id, { ...options, orgId: undefined });
    } catch (error) {
      if (error instanceof WebexNotFoundError) return undefined;
      throw error;
    }
  }
  if (event.person.email) return client.findPersonByEmail(event.person.email, options);
  return undefined;
}

/**
 * True when the person has their own direct line (a DID), not only an extension.
 *
 * The telephony view decides: the ECBN read's `directLineInfo.phoneNumber` ("The callback phone number that is
 * associated with the direct line"). The People API's `work` number is the directory's view — it can be synced from
 * an HR or AD system for people who only have an extension — so it is used only when the ECBN read has no
 * `directLineInfo` at all.
 *
 * @example
 * hasDirectLine(person, ecbn.directLineInfo); // true when directLineInfo.phoneNumber is set
 */
export function hasDirectLine(
  person: WebexPerson,
  directLineInfo: { readonly phoneNumber?: string | undefined } | undefined,
): boolean {
  if (directLineInfo !== undefined) return (directLineInfo.phoneNumber ?? '').trim().length > 0;
  return (person.phoneNumbers ?? []).some((n) => n.type === 'work' && n.value.trim().length > 0);
}
