import { describe, expect, it } from 'vitest';
import { encodeWebexId } from '../../../lambda/webex/ids.js';
import { EMPTY_DIRECTORY } from '../../../local/start/directory.js';
import { describeEvent } from '../../../local/start/event-files.js';
import { buildOutcomeRow, settingText } from '../../../local/start/outcome-rows.js';
import { directoryFactory, ids, reportFactory, rowFactory, sampleEventFactory } from './factories.js';

describe('buildOutcomeRow', () => {
  it('names the person, the location and the zone member instead of showing ids', () => {
    // Act
    const row = rowFactory(reportFactory());
    // Assess
    expect(row).toMatchObject({
      label: 'bob-created.bare',
      eventId: 'hr-1',
      person: 'Bob Martinez',
      location: 'HQ',
      wanted: 'LOCATION_MEMBER_NUMBER → Lobby Phone +15550111',
      outcome: 'updated',
      outcomeText: 'updated, was NONE',
      why: 'zone HQ/B1/1',
    });
  });

  it.each([
    { report: { outcome: 'unchanged' as const }, outcomeText: 'unchanged' },
    { report: { outcome: 'would-update' as const }, outcomeText: 'would-update, was NONE' },
    {
      report: {
        outcome: 'updated' as const,
        previous: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: ids.frontDesk },
      },
      outcomeText: 'updated, was Front Desk',
    },
    { report: { outcome: 'updated' as const, previous: undefined }, outcomeText: 'updated' },
    {
      report: { outcome: 'dead-lettered' as const, errorClass: 'permanent' as const, error: 'InvalidEventError: x' },
      outcomeText: 'dead-lettered (permanent)',
    },
    {
      report: { outcome: 'deferred' as const, errorClass: 'transient' as const, deferSeconds: 7, error: 'E' },
      outcomeText: 'deferred 7s (transient)',
    },
    { report: { outcome: 'skipped' as const }, outcomeText: 'skipped' },
  ])('describes $report.outcome as "$outcomeText"', ({ report, outcomeText }) => {
    // Act
    const row = rowFactory(reportFactory(report));
    // Assess
    expect(row.outcomeText).toBe(outcomeText);
  });

  it('gives the error as the reason of a failed record', () => {
    // Act
    const row = rowFactory(
      reportFactory({ outcome: 'dead-lettered', reason: undefined, error: 'InvalidEventError: person.email: invalid' }),
    );
    // Assess
    expect(row.why).toBe('InvalidEventError: person.email: invalid');
  });

  it('adds the decision’s attention flag to the reason, loudly', () => {
    // Act
    const row = rowFactory(reportFactory({ attention: 'no valid emergency callback number' }));
    // Assess
    expect(row.why).toBe('zone HQ/B1/1; ATTENTION: no valid emergency callback number');
  });

  it('names a person the handler could not resolve yet by the email of the event, then by the directory', () => {
    // Prepare
    const frank = reportFactory({ outcome: 'deferred', personId: undefined, locationId: undefined, wanted: undefined });
    const event = sampleEventFactory({ personEmail: 'frank@example.com' });
    const names = directoryFactory({ x: { name: 'Frank Lee', email: 'frank@example.com' } });
    // Act
    const unnamed = buildOutcomeRow(event, 'm', frank, EMPTY_DIRECTORY);
    const named = buildOutcomeRow(event, 'm', frank, names);
    // Assess
    expect(unnamed).toMatchObject({ person: 'frank@example.com', location: '—', wanted: '—' });
    expect(named.person).toBe('Frank Lee');
  });

  it('falls back to the readable TYPE/uuid of ids nobody could name', () => {
    // Prepare
    const stranger = encodeWebexId('PEOPLE', '00000000-0000-4000-8000-00000000dead');
    const event = describeEvent('x', '{}');
    // Act
    const row = buildOutcomeRow(event, 'm', reportFactory({ personId: stranger }), EMPTY_DIRECTORY);
    // Assess
    expect(row.person).toBe('PEOPLE/00000000-0000-4000-8000-00000000dead');
    expect(row.location).toBe('LOCATION/00000000-0000-4000-8000-0000000000a1');
    expect(row.wanted).toBe('LOCATION_MEMBER_NUMBER → PLACE/00000000-0000-4000-8000-00000000010b');
  });

  it('says so when the handler reported nothing for an event', () => {
    // Act
    const row = rowFactory(undefined, sampleEventFactory({ personEmail: 'new@example.com' }));
    // Assess
    expect(row).toMatchObject({ outcome: 'missing', outcomeText: 'no report', person: 'new@example.com' });
  });
});

describe('settingText', () => {
  it.each([
    { setting: { selected: 'DIRECT_LINE' }, text: 'DIRECT_LINE +15550199' },
    { setting: { selected: 'LOCATION_ECBN' }, text: 'LOCATION_ECBN +15550100' },
    {
      setting: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: ids.lobbyPhone },
      text: 'LOCATION_MEMBER_NUMBER → Lobby Phone +15550111',
    },
    {
      setting: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: ids.frontDesk },
      text: 'LOCATION_MEMBER_NUMBER → Front Desk',
    },
  ])('writes $setting.selected as "$text"', ({ setting, text }) => {
    // Prepare
    const names = directoryFactory({ [ids.bob]: { name: 'Bob', directNumber: '+15550199' } });
    // Act
    const written = settingText(setting, ids.bob, ids.hq, names);
    // Assess
    expect(written).toBe(text);
  });

  it('leaves out numbers it does not know', () => {
    // Act
    const written = [
      settingText({ selected: 'DIRECT_LINE' }, ids.bob, ids.hq, EMPTY_DIRECTORY),
      settingText({ selected: 'LOCATION_ECBN' }, ids.bob, ids.hq, EMPTY_DIRECTORY),
    ];
    // Assess
    expect(written).toEqual(['DIRECT_LINE', 'LOCATION_ECBN']);
  });
});
