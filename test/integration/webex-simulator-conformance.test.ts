/**
 * Conformance: every kind of body the simulator can produce is validated against the official Webex schemas
 * (webex-ecbn-openapi-subset.json, OpenAPI 3.0 components) with ajv, twice:
 * - `official`: the schemas as published (`example` ignored, `strict: false`);
 * - `closed`: the same with `additionalProperties: false` on every object, so the simulator cannot invent fields.
 *   The one addition it allows is `errors[].errorCode`, which Webex Calling errors carry (wxc_sdk `ErrorDetail`).
 * The walk below also proves coverage: every quality, every `selected`, every member type has been seen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { encodeWebexId } from '../../lambda/webex/ids.js';
import type { WebexSimulator } from '../../local/webex-simulator/index.js';
import { FULL_SCOPES } from '../../local/webex-simulator/index.js';
import { startTestSimulator } from '../helpers/simulator.js';
import { demoIds, demoOrg } from '../helpers/simulator-org.js';

/**
 * The official schemas, kept in the repository (source and commit in its `x-provenance` and in SOURCE.md next to it).
 * Nothing outside the repository is read: a missing fixture fails this file at once, it never degrades to fewer checks.
 */
const SPEC_FILE = fileURLToPath(
  new URL('../../local/webex-simulator/reference/webex-ecbn-openapi-subset.json', import.meta.url),
);
if (!existsSync(SPEC_FILE)) {
  throw new Error(`The official Webex schema subset is missing: ${SPEC_FILE} (restore it from git; see SOURCE.md)`);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as {
  components: { schemas: Record<string, Json> };
  'x-provenance'?: unknown;
};

/** Every schema the walk below validates against: all must be in the fixture. */
const REQUIRED_SCHEMAS = [
  'Person',
  'PersonCollectionResponse',
  'GetPersonCallbackNumberObject',
  'GetPersonCallbackNumberDependenciesObject',
  'PersonECBNAvailableNumberListGetObject',
  'GetLocationCallBackNumberObject',
  'Error',
] as const;

/** Adds `additionalProperties: false` to every object schema with properties (deep copy). */
function closeObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const copy: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) copy[key] = closeObjects(value);
  if (copy.type === 'object' && copy.properties !== undefined && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

function closedComponents(): { schemas: Record<string, Json> } {
  const schemas = closeObjects(spec.components.schemas as Json) as Record<string, Json>;
  // Webex Calling errors carry a numeric code per error (reference §3, wxc_sdk ErrorDetail).
  const error = schemas.Error as { properties: { errors: { items: { properties: Record<string, Json> } } } };
  error.properties.errors.items.properties.errorCode = { type: 'integer' };
  return { schemas };
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('password', true);
ajv.addFormat('int64', true);
ajv.addSchema({ $id: 'official', components: spec.components });
ajv.addSchema({ $id: 'closed', components: closedComponents() });
const validators = new Map<string, ValidateFunction>();
function validator(mode: 'official' | 'closed', name: string): ValidateFunction {
  const key = `${mode}:${name}`;
  let validate = validators.get(key);
  if (!validate) {
    if (!(name in spec.components.schemas)) throw new Error(`No schema ${name}`);
    validate = ajv.compile({ $ref: `${mode}#/components/schemas/${name}` });
    validators.set(key, validate);
  }
  return validate;
}

type SchemaName = (typeof REQUIRED_SCHEMAS)[number];

/** Sends requests, validates each answer, and remembers what it saw for the coverage checks. */
class ConformanceRun {
  readonly failures: string[] = [];
  readonly seen = {
    quality: new Set<string>(),
    selected: new Set<string>(),
    memberType: new Set<string>(),
    status: new Set<number>(),
    effectiveLevel: new Set<string>(),
  };
  validated = 0;

  constructor(readonly sim: WebexSimulator) {}

  async call(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    schema: SchemaName | 'none',
    options: { token?: string | null; body?: unknown; rawBody?: string } = {},
  ): Promise<{ status: number; body: Json | undefined; headers: Headers }> {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? this.sim.token : options.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path.startsWith('http') ? path : `${this.sim.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    const json = text === '' ? undefined : (JSON.parse(text) as Json);
    const where = `${method} ${path} → ${response.status}`;
    this.seen.status.add(response.status);

    if (!response.headers.get('trackingid')) this.failures.push(`${where}: no TrackingID header`);
    if (schema === 'none') {
      if (json !== undefined) this.failures.push(`${where}: expected no body`);
    } else {
      for (const mode of ['official', 'closed'] as const) {
        const validate = validator(mode, schema);
        if (!validate(json)) this.failures.push(`${where} (${mode} ${schema}): ${ajv.errorsText(validate.errors)}`);
      }
      this.validated += 1;
      if (schema === 'Error' && (json as { trackingId?: string })?.trackingId !== response.headers.get('trackingid')) {
        this.failures.push(`${where}: trackingId differs from the TrackingID header`);
      }
      this.#collect(json);
    }
    return { status: response.status, body: json, headers: response.headers };
  }

  #collect(node: Json | undefined): void {
    if (Array.isArray(node)) return node.forEach((n) => this.#collect(n));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && key in this.seen) (this.seen[key as 'quality'] as Set<string>).add(value);
      else this.#collect(value);
    }
  }
}

const ids = demoIds();
const ecbn = (personId: string, suffix = '') => `/telephony/config/people/${personId}/emergencyCallbackNumber${suffix}`;
const locationEcbn = (locationId: string) =>
  `/telephony/config/locations/${locationId}/features/emergencyCallbackNumber`;

describe('Webex simulator conformance with the official schemas', () => {
  it('reads the official schemas from the in-repository fixture, with every schema it checks and their source', () => {
    // Assess
    expect(Object.keys(spec.components.schemas)).toEqual(expect.arrayContaining([...REQUIRED_SCHEMAS]));
    expect(JSON.stringify(spec['x-provenance'])).toContain('webex/webex-openapi-specs');
  });

  it.each<[string, 'official' | 'closed', SchemaName, unknown]>([
    ['an unknown selected', 'official', 'GetPersonCallbackNumberObject', { selected: 'EVERYONE' }],
    ['an unknown quality', 'official', 'GetPersonCallbackNumberObject', { directLineInfo: { quality: 'GOOD' } }],
    [
      'a missing required field',
      'official',
      'GetPersonCallbackNumberDependenciesObject',
      { isLocationEcbnDefault: true },
    ],
    ['an undocumented field', 'closed', 'GetPersonCallbackNumberObject', { selected: 'NONE', locationMemberId: 'x' }],
    ['a string errorCode', 'closed', 'Error', { message: 'm', errors: [{ description: 'd', errorCode: '25008' }] }],
  ])('has teeth: rejects %s', (_case, mode, schema, body) => {
    // Act / Assess
    expect(validator(mode, schema)(body)).toBe(false);
  });

  it('produces conforming people, person ECBN, dependencies, available numbers and location bodies in every state', async () => {
    // Prepare
    const org = demoOrg();
    const sim = await startTestSimulator({ org });
    const run = new ConformanceRun(sim);
    const hq = ids.location('San Jose HQ');
    const austin = ids.location('Austin Branch');
    const bob = ids.person('bob.martinez');
    const alice = ids.person('alice.nguyen');

    // Act: every person in the demo org, as fixtures left them
    for (const person of org.people) {
      const calling = person.locationId !== undefined;
      await run.call('GET', `/people/${person.id}`, 'Person');
      await run.call('GET', `/people/${person.id}?callingData=true`, 'Person');
      await run.call(
        'GET',
        `/people?email=${encodeURIComponent(person.emails[0] ?? '')}&callingData=true`,
        'PersonCollectionResponse',
      );
      await run.call('GET', ecbn(person.id), calling ? 'GetPersonCallbackNumberObject' : 'Error');
      await run.call(
        'GET',
        ecbn(person.id, '/dependencies'),
        calling ? 'GetPersonCallbackNumberDependenciesObject' : 'Error',
      );
      await run.call(
        'GET',
        ecbn(person.id, '/availableNumbers'),
        calling ? 'PersonECBNAvailableNumberListGetObject' : 'Error',
      );
    }
    await run.call('GET', '/people?callingData=true&max=3', 'PersonCollectionResponse');
    await run.call(
      'GET',
      `/people?id=${alice},${encodeWebexId('PEOPLE', '00000000-0000-4000-8000-0000000000aa')}`,
      'PersonCollectionResponse',
    );
    for (const location of [hq, austin])
      await run.call('GET', locationEcbn(location), 'GetLocationCallBackNumberObject');

    // Act: Bob through every member type, then an inactive member, then a member that lost its number
    const members = [
      alice,
      ids.virtualLine('SJ Security Desk'),
      ids.huntGroup('SJ Front Desk'),
      ids.workspace('SJ-B1-F2 Callback Phone'),
    ];
    for (const member of members) {
      await run.call('PUT', ecbn(bob), 'none', {
        body: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member },
      });
      await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');
      await run.call('GET', ecbn(alice, '/dependencies'), 'GetPersonCallbackNumberDependenciesObject');
    }
    sim.state.setNumberState('+14085550112', 'INACTIVE');
    await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');
    await run.call('PUT', ecbn(bob), 'none', { body: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: alice } });
    sim.state.updatePerson(alice, { directNumber: null });
    await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');
    await run.call('GET', ecbn(alice), 'GetPersonCallbackNumberObject');
    await run.call('PUT', ecbn(bob), 'none', { body: { selected: 'LOCATION_ECBN', elinEnabled: true } });
    await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');

    // Act: locations on a hunt group, an inactive member, a member without a number, an inactive main number
    sim.state.setLocationEcbn(hq, {
      selected: 'LOCATION_MEMBER_NUMBER',
      locationMemberId: ids.huntGroup('SJ Front Desk'),
    });
    await run.call('GET', locationEcbn(hq), 'GetLocationCallBackNumberObject');
    await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');
    sim.state.setLocationEcbn(hq, {
      selected: 'LOCATION_MEMBER_NUMBER',
      locationMemberId: ids.workspace('SJ-B2-F2 Callback Phone'),
    });
    await run.call('GET', locationEcbn(hq), 'GetLocationCallBackNumberObject');
    sim.state.setLocationEcbn(hq, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: alice });
    await run.call('GET', locationEcbn(hq), 'GetLocationCallBackNumberObject');
    await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');
    sim.state.setNumberState('+15125550100', 'INACTIVE');
    await run.call('GET', locationEcbn(austin), 'GetLocationCallBackNumberObject');

    // Act: available numbers page by page and filtered
    let next: string | undefined = `${sim.baseUrl}${ecbn(bob, '/availableNumbers')}?max=1`;
    let pages = 0;
    while (next) {
      const page = await run.call('GET', next, 'PersonECBNAvailableNumberListGetObject');
      next = /^<([^>]+)>;\s*rel="next"$/.exec(page.headers.get('link') ?? '')?.[1];
      pages += 1;
    }
    await run.call(
      'GET',
      `${ecbn(bob, '/availableNumbers')}?phoneNumber=%2B14085550111,%2B14085550150&ownerName=desk`,
      'PersonECBNAvailableNumberListGetObject',
    );

    // Assess
    expect(run.failures).toEqual([]);
    expect(pages).toBeGreaterThan(5);
    expect(run.seen.quality).toEqual(new Set(['RECOMMENDED', 'NOT_RECOMMENDED', 'INVALID']));
    expect(run.seen.selected).toEqual(
      new Set(['NONE', 'DIRECT_LINE', 'LOCATION_ECBN', 'LOCATION_MEMBER_NUMBER', 'LOCATION_NUMBER']),
    );
    expect(run.seen.memberType).toEqual(new Set(['PEOPLE', 'PLACE', 'VIRTUAL_LINE', 'HUNT_GROUP']));
    expect(run.seen.effectiveLevel).toEqual(
      new Set(['DIRECT_LINE', 'LOCATION_ECBN', 'LOCATION_NUMBER', 'LOCATION_MEMBER_NUMBER', 'NONE']),
    );
  });

  it('produces conforming error bodies for every error it answers', async () => {
    // Prepare
    const org = demoOrg();
    const sim = await startTestSimulator({
      org,
      tokens: [{ token: 'read-only', scopes: FULL_SCOPES.filter((s) => !s.endsWith('_write')) }],
    });
    const run = new ConformanceRun(sim);
    const bob = ids.person('bob.martinez');
    const unknown = encodeWebexId('PEOPLE', '00000000-0000-4000-8000-0000000000aa');
    const foreignOrg = encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-0000000000ff');

    // Act: validation errors
    for (const rawBody of [
      'not json',
      '{"selected":"NONE"}',
      '{"selected":"LOCATION_MEMBER_NUMBER"}',
      '{"selected":"LOCATION_MEMBER_NUMBER","locationMemberId":"nope"}',
      '{"selected":"LOCATION_ECBN","elinEnabled":1}',
    ]) {
      await run.call('PUT', ecbn(bob), 'Error', { rawBody });
    }
    await run.call('GET', `${ecbn(bob, '/availableNumbers')}?max=0`, 'Error');
    // Act: auth, scope, org, routing
    await run.call('GET', ecbn(bob), 'Error', { token: null });
    await run.call('GET', ecbn(bob), 'Error', { token: 'unknown' });
    await run.call('PUT', ecbn(bob), 'Error', { token: 'read-only', body: { selected: 'LOCATION_ECBN' } });
    await run.call('GET', `${ecbn(bob)}?orgId=${foreignOrg}`, 'Error');
    await run.call('GET', `/people/${unknown}`, 'Error');
    await run.call('GET', ecbn(unknown), 'Error');
    await run.call('GET', locationEcbn(encodeWebexId('LOCATION', '00000000-0000-4000-8000-0000000000aa')), 'Error');
    await run.call('GET', '/nothing/here', 'Error');
    await run.call('DELETE', `/people/${bob}`, 'Error');
    // Act: injected faults and the rate limit
    sim.configure({ faults: { sequence: ['status500', 'status502', 'status503', 'status504', 'locked423'] } });
    for (let i = 0; i < 5; i += 1) await run.call('GET', ecbn(bob), 'Error');
    sim.configure({ rateLimit: { requestsPerSecond: 0.01, burst: 1 } });
    await run.call('GET', ecbn(bob), 'GetPersonCallbackNumberObject');
    await run.call('GET', ecbn(bob), 'Error');

    // Assess
    expect(run.failures).toEqual([]);
    expect(run.seen.status).toEqual(new Set([400, 401, 403, 404, 405, 423, 429, 500, 502, 503, 504, 200]));
  });
});
