/**
 * `npm run webex-simulator -- --port 8787 --org examples/demo-org.json`
 * Starts the simulator on 127.0.0.1, prints its base URL and a valid token, and runs until Ctrl-C.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_ORG_PATH, loadOrgFixture } from './load-org.js';
import { generateOrg } from './generated-org.js';
import { parseOrgFixture } from './org-fixture.js';
import { seededRandom } from './random.js';
import { startWebexSimulator } from './server.js';

const USAGE = `Usage: npm run webex-simulator -- [options]
  --port <n>           port on 127.0.0.1 (default 8787; 0 = random)
  --org <file>         org fixture JSON (default examples/demo-org.json)
  --generated <n>      a generated org of n people instead (generated-org.ts; used by the audit bench)
  --token <value>      value of the full-scope token (default: random)
  --latency-ms <n>     added latency per answer
  --rate <rps[:burst]> token-bucket rate limit answering 429 with Retry-After
  --seed <n>           seed for fault injection draws
  --help`;

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      org: { type: 'string' },
      generated: { type: 'string' },
      token: { type: 'string' },
      'latency-ms': { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const generatedPeople = positiveNumber('generated', values.generated);
  const orgPath = values.org ?? DEMO_ORG_PATH;
  const org =
    generatedPeople === undefined
      ? await loadOrgFixture(orgPath)
      : parseOrgFixture(generateOrg({ people: generatedPeople }).fixture);
  const [rps, burst] = (values.rate ?? '').split(':');
  const requestsPerSecond = positiveNumber('rate', rps || undefined);
  const seed = positiveNumber('seed', values.seed);

  const sim = await startWebexSimulator({
    org,
    port: positiveNumber('port', values.port) ?? 8787,
    ...(values.token ? { token: values.token } : {}),
    latencyMs: positiveNumber('latency-ms', values['latency-ms']) ?? 0,
    ...(requestsPerSecond
      ? { rateLimit: { requestsPerSecond, burst: positiveNumber('rate', burst || undefined) ?? requestsPerSecond } }
      : {}),
    ...(seed !== undefined ? { random: seededRandom(seed) } : {}),
  });

  const somePerson = sim.state.people().find((p) => p.locationId !== undefined);
  console.log(`Webex simulator for ${org.name ?? org.orgId} (${org.people.length} people)`);
  console.log(
    `  org:      ${generatedPeople !== undefined ? 'generated' : orgPath instanceof URL ? fileURLToPath(orgPath) : orgPath}`,
  );
  console.log(`  base URL: ${sim.baseUrl}`);
  console.log(`  token:    ${sim.token}`);
  if (somePerson) {
    console.log('  try:');
    console.log(
      `    curl -s -H "Authorization: Bearer ${sim.token}" ${sim.baseUrl}/telephony/config/people/${somePerson.id}/emergencyCallbackNumber`,
    );
  }
  console.log('Ctrl-C stops it.');

  const shutdown = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
