/**
 * Factories of simulator org fixtures for tests: a builder that hands out stable encoded ids and fresh numbers, so a
 * test states only what matters to it (`b.person({ locationId: hq })`), plus access to the demo org by email.
 */
import { readFileSync } from 'node:fs';
import { encodeWebexId } from '../../lambda/webex/ids.js';
import { parseOrgFixture, type OrgFixture, type OrgFixtureInput } from '../../local/webex-simulator/org-fixture.js';
import { OrgState } from '../../local/webex-simulator/org-state.js';

type Input<K extends 'locations' | 'people' | 'workspaces' | 'virtualLines' | 'huntGroups' | 'autoAttendants'> =
  NonNullable<OrgFixtureInput[K]>[number];

/** A deterministic UUID: `kind` (1-2 hex chars) and a counter in the last group. */
function uuid(kind: string, n: number): string {
  return `00000000-0000-4000-8000-${kind.padStart(2, '0')}${n.toString(16).padStart(10, '0')}`;
}

export class OrgBuilder {
  readonly orgId = encodeWebexId('ORGANIZATION', uuid('0', 1));
  readonly #fixture = {
    locations: [] as Input<'locations'>[],
    people: [] as Input<'people'>[],
    workspaces: [] as Input<'workspaces'>[],
    virtualLines: [] as Input<'virtualLines'>[],
    huntGroups: [] as Input<'huntGroups'>[],
    autoAttendants: [] as Input<'autoAttendants'>[],
    numberStates: {} as Record<string, 'ACTIVE' | 'INACTIVE'>,
  };
  #counter = 0;

  #next(): number {
    return ++this.#counter;
  }

  /** A fresh E.164 number, unique in this org. */
  number(): string {
    return `+1555${String(1_000_000 + this.#next()).slice(1)}`;
  }

  location(overrides: Partial<Input<'locations'>> = {}): string {
    const n = this.#next();
    const id = overrides.id ?? encodeWebexId('LOCATION', uuid('1', n));
    this.#fixture.locations.push({ id, name: `Location ${n}`, mainNumber: this.number(), ...overrides });
    return id;
  }

  person(overrides: Partial<Input<'people'>> = {}): string {
    const n = this.#next();
    const id = overrides.id ?? encodeWebexId('PEOPLE', uuid('2', n));
    this.#fixture.people.push({
      id,
      emails: [`person${n}@example.com`],
      firstName: 'Person',
      lastName: `Number${n}`,
      ...(overrides.locationId !== undefined ? { extension: String(2000 + n) } : {}),
      ...overrides,
    });
    return id;
  }

  workspace(overrides: Partial<Input<'workspaces'>> & { locationId: string }): string {
    const n = this.#next();
    const id = overrides.id ?? encodeWebexId('PLACE', uuid('3', n));
    this.#fixture.workspaces.push({ id, displayName: `Workspace ${n}`, phoneNumber: this.number(), ...overrides });
    return id;
  }

  virtualLine(overrides: Partial<Input<'virtualLines'>> & { locationId: string }): string {
    const n = this.#next();
    const id = overrides.id ?? encodeWebexId('VIRTUAL_LINE', uuid('4', n));
    this.#fixture.virtualLines.push({
      id,
      firstName: 'Virtual',
      lastName: `Line${n}`,
      phoneNumber: this.number(),
      ...overrides,
    });
    return id;
  }

  huntGroup(overrides: Partial<Input<'huntGroups'>> & { locationId: string }): string {
    const n = this.#next();
    const id = overrides.id ?? encodeWebexId('HUNT_GROUP', uuid('5', n));
    this.#fixture.huntGroups.push({ id, name: `Hunt Group ${n}`, phoneNumber: this.number(), ...overrides });
    return id;
  }

  autoAttendant(overrides: Partial<Input<'autoAttendants'>> & { locationId: string }): string {
    const n = this.#next();
    const id = overrides.id ?? encodeWebexId('AUTO_ATTENDANT', uuid('6', n));
    this.#fixture.autoAttendants.push({ id, name: `Auto Attendant ${n}`, phoneNumber: this.number(), ...overrides });
    return id;
  }

  numberState(number: string, state: 'ACTIVE' | 'INACTIVE'): this {
    this.#fixture.numberStates[number] = state;
    return this;
  }

  /** The fixture as a file would hold it. */
  input(): OrgFixtureInput {
    return structuredClone({ orgId: this.orgId, ...this.#fixture });
  }

  build(): OrgFixture {
    return parseOrgFixture(this.input());
  }

  state(): OrgState {
    return new OrgState(this.build());
  }
}

/** The phone number of a member created by the builder (looked up in the built fixture). */
export function numberOf(org: OrgFixture, id: string): string {
  const all = [
    ...org.workspaces.map((m) => [m.id, m.phoneNumber]),
    ...org.virtualLines.map((m) => [m.id, m.phoneNumber]),
    ...org.huntGroups.map((m) => [m.id, m.phoneNumber]),
    ...org.autoAttendants.map((m) => [m.id, m.phoneNumber]),
    ...org.people.map((p) => [p.id, p.directNumber]),
    ...org.locations.map((l) => [l.id, l.mainNumber]),
  ];
  const found = all.find(([candidate]) => candidate === id)?.[1];
  if (found === undefined) throw new Error(`No number for ${id}`);
  return found;
}

/** `examples/demo-org.json`, parsed. */
export function demoOrg(): OrgFixture {
  return parseOrgFixture(JSON.parse(readFileSync(new URL('../../examples/demo-org.json', import.meta.url), 'utf8')));
}

/** Ids of the demo org by name: people by email local part (`alice.nguyen`), others by display name. */
export function demoIds(org: OrgFixture = demoOrg()) {
  const person = (localPart: string) => {
    const found = org.people.find((p) => p.emails.some((e) => e.startsWith(`${localPart}@`)));
    if (!found) throw new Error(`No demo person ${localPart}`);
    return found.id;
  };
  const byName = <T extends { id: string }>(list: T[], name: (t: T) => string, wanted: string) => {
    const found = list.find((t) => name(t) === wanted);
    if (!found) throw new Error(`No demo entity ${wanted}`);
    return found.id;
  };
  return {
    person,
    location: (name: string) => byName(org.locations, (l) => l.name, name),
    workspace: (name: string) => byName(org.workspaces, (w) => w.displayName, name),
    huntGroup: (name: string) => byName(org.huntGroups, (h) => h.name, name),
    autoAttendant: (name: string) => byName(org.autoAttendants, (a) => a.name, name),
    virtualLine: (name: string) => byName(org.virtualLines, (v) => v.displayName ?? '', name),
  };
}
