/** The local Webex org a backfill without `--queue-url` runs against: the demo org, or a generated one. */
import { DEFAULT_RULES_FILE, loadRulesFile } from '../rules/index.js';
import { generateOrg } from '../../local/webex-simulator/generated-org.js';
import { DEMO_ORG_PATH, loadOrgFixture, startWebexSimulator } from '../../local/webex-simulator/index.js';
import type { LocalPipelineTarget } from '../audit/fix-locally.js';

export async function startLocalTarget(
  people: number | undefined,
): Promise<LocalPipelineTarget & { stop(): Promise<void> }> {
  const generated = people === undefined ? undefined : generateOrg({ people });
  const sim = await startWebexSimulator({ org: generated?.fixture ?? (await loadOrgFixture(DEMO_ORG_PATH)) });
  return {
    baseUrl: sim.baseUrl,
    token: sim.token,
    rules: generated?.rules ?? loadRulesFile(DEFAULT_RULES_FILE),
    rulesFile: generated === undefined ? DEFAULT_RULES_FILE : undefined,
    stop: () => sim.stop(),
  };
}
