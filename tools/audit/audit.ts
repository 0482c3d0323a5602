/**
 * `npm run audit -- [options]`: see `USAGE` in args.ts. Exit 0 all compliant, 1 drift or attention, 2 bad command
 * line or input file, 3 the audit could not finish.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describeError } from '../../lambda/errors.js';
import { AuditUsageError, parseAuditArgs, USAGE } from './args.js';
import { fixLocally } from './fix-locally.js';
import { runAudit, type AuditRunResult } from './run-audit.js';
import { AuditInputError, openAuditTarget } from './targets.js';

export const EXIT = { compliant: 0, findings: 1, usage: 2, failed: 3 } as const;

/**
 * @example
 * process.exitCode = await main(process.argv.slice(2), process.env, (line) => process.stderr.write(`${line}\n`));
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<number> {
  let command;
  try {
    command = parseAuditArgs(argv);
  } catch (error) {
    if (!(error instanceof AuditUsageError)) throw error;
    print(`audit: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (command.help) {
    print(USAGE);
    return EXIT.compliant;
  }
  let target;
  try {
    target = await openAuditTarget(command, env);
  } catch (error) {
    if (error instanceof AuditInputError) {
      print(`audit: ${error.message}`);
      for (const problem of error.problems) print(`  line ${problem.line}: ${problem.message}`);
      return EXIT.usage;
    }
    print(`audit: ${describeError(error)}`);
    return EXIT.usage;
  }
  try {
    const auditOnce = (outDir: string, collectReconcile: boolean) =>
      runAudit({
        webex: target.webex,
        rules: target.rules,
        placements: target.placements,
        placementsFromExport: target.placementsFromExport,
        outDir,
        auditId: `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
        total: target.total,
        options: command.concurrency === undefined ? {} : { concurrency: command.concurrency },
        collectReconcile,
        print,
        now: Date.now,
      });
    let result = await auditOnce(command.outDir, command.fix);
    printSummary(result, command.outDir, print);
    if (command.fix) {
      const fix = await fixLocally(target, result.reconcileEvents);
      print(
        `fix: ${fix.published} ecbn.reconcile event(s) processed: ${
          Object.entries(fix.outcomes)
            .map(([outcome, n]) => `${n} ${outcome}`)
            .join(', ') || 'none'
        }; ${fix.deadLettered} dead-lettered`,
      );
      const afterDir = path.join(command.outDir, 'after-fix');
      result = await auditOnce(afterDir, false);
      printSummary(result, afterDir, print);
    }
    const findings = result.summary.byStatus.drift + result.summary.byStatus.attention;
    return findings === 0 ? EXIT.compliant : EXIT.findings;
  } catch (error) {
    print(`audit: could not finish: ${describeError(error)}`);
    return EXIT.failed;
  } finally {
    await target.stop();
  }
}

function printSummary(result: AuditRunResult, outDir: string, print: (line: string) => void): void {
  const { summary } = result;
  print(
    `audit: ${summary.people} people, ${summary.callingPeople} calling: ${summary.byStatus.compliant} compliant, ${
      summary.byStatus.drift
    } drift, ${summary.byStatus.attention} attention, ${summary.byStatus['not-calling']} not calling; compliance ${
      summary.compliancePercent
    } %; ${result.webexCalls} Webex calls in ${(result.wallMs / 1000).toFixed(1)} s; report in ${outDir}`,
  );
}
