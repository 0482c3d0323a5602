/**
 * `npm start -- --webex-url … --events … --dry-run` against the Webex simulator standing in for a real org: the plan
 * is decided with real reads and no PUT ever reaches Webex; the token is never printed.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExternalWebexPipeline } from '../../local/pipeline.js';
import { StartUsageError } from '../../local/start/args.js';
import { runPlan, type PlanOptions } from '../../local/start/run-plan.js';
import {
  DEMO_ORG_PATH,
  loadOrgFixture,
  startWebexSimulator,
  type WebexSimulator,
} from '../../local/webex-simulator/index.js';

const PUT_ECBN = 'PUT /telephony/config/people/{personId}/emergencyCallbackNumber';

/** Every sample event of examples/events/ in one JSON array file. */
function writeSampleEventsFile(): string {
  const events = readdirSync('examples/events')
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join('examples/events', name), 'utf8')) as unknown);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'plan-')), 'hr-events.json');
  writeFileSync(file, JSON.stringify(events));
  return file;
}

describe('npm start -- --webex-url … --events … --dry-run', () => {
  let simulator: WebexSimulator;
  let lines: string[];
  let options: PlanOptions;

  beforeEach(async () => {
    simulator = await startWebexSimulator({ org: await loadOrgFixture(DEMO_ORG_PATH) });
    lines = [];
    options = {
      webexUrl: simulator.baseUrl,
      eventsFile: writeSampleEventsFile(),
      dryRun: true,
      environment: { WEBEX_TOKEN: simulator.token },
      timeoutMs: 20_000,
      out: (line) => lines.push(line),
    };
  });

  afterEach(async () => {
    await simulator.stop();
  });

  it('prints the plan for every event and sends no PUT', async () => {
    // Prepare
    const before = simulator.state.people().map((person) => simulator.state.personEcbnSetting(person.id));
    // Act
    const result = await runPlan(options);
    // Assess
    expect(simulator.counters()[PUT_ECBN]).toBeUndefined();
    expect(simulator.state.people().map((person) => simulator.state.personEcbnSetting(person.id))).toEqual(before);
    expect(result.rows.map((row) => [row.person, row.outcome])).toEqual([
      ['Bob Martinez', 'would-update'],
      ['Carol Smith', 'would-update'],
      ['Dan Okafor', 'would-update'],
      ['Erin Walsh', 'unchanged'],
      ['frank.lee@acme-robotics.example', 'deferred'],
      ['Grace Kim', 'would-update'],
      ['henry.patel@acme-robotics.example', 'skipped'],
      ['not-an-email', 'dead-lettered'],
      ['Ivan Petrov', 'would-update'],
      ['Jun Tanaka', 'would-update'],
    ]);
    expect(result.rows[0]?.wanted).toBe('LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone +14085550111');
    expect(lines).toContain(
      'Dry run, nothing was changed: 6 would-update, 1 unchanged, 1 deferred, 1 skipped, 1 dead-lettered.',
    );
  });

  it('exits 1 when some events could not be decided (a person not ready, an invalid event), 0 when all could', async () => {
    // Prepare
    const decidable = path.join(mkdtempSync(path.join(tmpdir(), 'plan-')), 'ok.jsonl');
    writeFileSync(
      decidable,
      [
        readFileSync('examples/events/bob-created.bare.json', 'utf8').replace(/\s*\n\s*/g, ''),
        readFileSync('examples/events/erin-updated.already-right.json', 'utf8').replace(/\s*\n\s*/g, ''),
      ].join('\n'),
    );
    // Act
    const mixed = await runPlan(options);
    const clean = await runPlan({ ...options, eventsFile: decidable });
    // Assess
    expect(mixed.exitCode).toBe(1);
    expect(clean.exitCode).toBe(0);
    expect(clean.rows.map((row) => row.label)).toEqual(['ok.jsonl[1]', 'ok.jsonl[2]']);
  });

  it('never prints the token', async () => {
    // Act
    await runPlan(options);
    // Assess
    expect(lines.join('\n')).not.toContain(simulator.token);
  });

  it('applies the plan against a loopback simulator when --dry-run is left out', async () => {
    // Act
    const result = await runPlan({ ...options, dryRun: false });
    // Assess
    expect(simulator.counters()[PUT_ECBN]).toBe(6);
    expect(result.rows.filter((row) => row.outcome === 'updated')).toHaveLength(6);
  });

  it('asks for WEBEX_TOKEN when it is not set', async () => {
    // Act
    const run = runPlan({ ...options, environment: {} });
    // Assess
    await expect(run).rejects.toThrow(StartUsageError);
    await expect(run).rejects.toThrow('Set WEBEX_TOKEN');
  });
});

describe('startExternalWebexPipeline', () => {
  it('refuses to run against a non-loopback Webex without dry run, before starting anything', async () => {
    // Act
    const start = startExternalWebexPipeline({
      webex: { baseUrl: 'https://webexapis.com/v1', token: 'not-used', dryRun: false },
    });
    // Assess
    await expect(start).rejects.toThrow('Refusing to run against webexapis.com without dry run');
  });

  it('forces DRY_RUN for a dry run, whatever the extra environment says', async () => {
    // Prepare
    const pipeline = await startExternalWebexPipeline({
      webex: { baseUrl: 'https://webexapis.com/v1', token: 'not-used', dryRun: true },
      env: { DRY_RUN: 'false' },
      startPoller: false,
    });
    // Act
    const dryRun = pipeline.config.dryRun;
    await pipeline.stop();
    // Assess
    expect(dryRun).toBe(true);
  });
});
