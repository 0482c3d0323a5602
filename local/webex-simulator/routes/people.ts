/**
 * People API: `GET /people/{personId}` (Get Person Details) and `GET /people` (List People), webex-admin.json.
 */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { malformed, notFound } from '../errors.js';
import { isPaging, page, parsePaging } from '../pagination.js';
import { personView } from '../person-view.js';
import type { PersonRecord } from '../records.js';
import { SCOPE } from '../auth.js';
import type { Route, RouteContext } from './route.js';

function callingData(query: URLSearchParams): boolean {
  return query.get('callingData')?.toLowerCase() === 'true';
}

function view(context: RouteContext, person: PersonRecord) {
  const location = person.locationId !== undefined ? context.state.location(person.locationId) : undefined;
  return personView(person, location, { callingData: callingData(context.query), orgId: context.state.orgId });
}

export const getPersonRoute: Route = {
  method: 'GET',
  template: '/people/{personId}',
  scope: SCOPE.peopleRead,
  // "Get Person Details" lists only `callingData`: a person id is global.
  documentsOrgId: false,
  handle(context) {
    const person = context.state.person(context.params.personId ?? '');
    return person ? { status: 200, body: view(context, person) } : notFound();
  },
};

/** "If `callingData`=true, then `max` will not be more than 100"; default 100. */
const PEOPLE_MAX = 100;
/** "If `locationId` is specified then `max` will not be more than 50." */
const PEOPLE_AT_LOCATION_MAX = 50;

export const listPeopleRoute: Route = {
  method: 'GET',
  template: '/people',
  scope: SCOPE.peopleRead,
  documentsOrgId: true,
  handle(context) {
    const { query, state } = context;
    const documentedCap = query.get('locationId')?.trim() ? PEOPLE_AT_LOCATION_MAX : PEOPLE_MAX;
    const cap = Math.min(documentedCap, context.maxPageSize ?? documentedCap);
    const paging = parsePaging(query, { defaultMax: cap, cap });
    if (!isPaging(paging)) return malformed();
    const inOrg = sameWebexId(context.orgId, state.orgId);

    const email = query.get('email')?.trim();
    const ids = (query.get('id') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const displayName = query.get('displayName')?.trim().toLowerCase();
    const locationId = query.get('locationId')?.trim();

    let people: PersonRecord[];
    const notFoundIds: string[] = [];
    if (!inOrg) {
      people = [];
      notFoundIds.push(...ids);
    } else if (email) {
      const person = state.personByEmail(email);
      people = person ? [person] : [];
    } else if (ids.length > 0) {
      people = [];
      for (const id of ids) {
        const person = state.person(id);
        if (person) people.push(person);
        else notFoundIds.push(id);
      }
    } else {
      people = state.people();
    }
    if (ids.length > 0 && email) people = people.filter((p) => ids.some((id) => sameWebexId(id, p.id)));
    if (displayName) people = people.filter((p) => p.displayName.toLowerCase().startsWith(displayName));
    if (locationId) {
      people = people.filter((p) => p.locationId !== undefined && sameWebexId(p.locationId, locationId));
    }

    const result = page(people, paging, context.url);
    return {
      status: 200,
      body: { items: result.items.map((p) => view(context, p)), notFoundIds },
      ...(result.link ? { headers: { Link: result.link } } : {}),
    };
  },
};
