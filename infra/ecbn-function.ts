/**
 * The provisioner function with its fixed defaults, its own log group and its own (explicit) execution role.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambda/observability/service-identity.js';
import { compileRules, loadRulesFile } from '../tools/rules/index.js';

/**
 * Where the rules land inside the deployment package, next to the handler (`/var/task` is the task root): compiled to
 * JSON at synth, so the function carries no YAML parser (`lambda/rules/load-compiled-rules.ts`).
 */
export const BUNDLED_RULES_FILE_NAME = 'ecbn-rules.json';
export const BUNDLED_RULES_FILE_PATH = `/var/task/${BUNDLED_RULES_FILE_NAME}`;

/**
 * esbuild banner for the ESM bundle: CommonJS dependencies bundled into an ES module still call `require` (for
 * Node built-ins); ES modules have none, so recreate it. https://github.com/evanw/esbuild/issues/1921
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * How every function of the app is bundled (see {@link EcbnFunction}): one minified ES module with source maps, the
 * AWS SDK bundled, locally with esbuild. Stack traces need names and lines, not the sources: no `sourcesContent`.
 */
export const ESM_BUNDLING = {
  format: OutputFormat.ESM,
  banner: ESM_REQUIRE_BANNER,
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: [],
  forceDockerBundling: false,
} satisfies BundlingOptions;

/** The Node.js options of every function: stack traces through the source maps. */
export const NODE_OPTIONS = '--enable-source-maps';

export interface EcbnFunctionProps {
  /** The handler source file (exports `handler`). */
  readonly entry: string;
  /** The project root: where `package-lock.json` is; esbuild resolves dependencies from here. */
  readonly projectRoot: string;
  /** The rules file (YAML); validated and compiled into the bundle as {@link BUNDLED_RULES_FILE_NAME}. */
  readonly rulesFile: string;
  /** The handler's environment (the product's settings); the construct adds its own variables to it. */
  readonly environment: Readonly<Record<string, string>>;
  /** How long the function's logs are kept. */
  readonly logRetention: RetentionDays;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
}

/**
 * A `NodejsFunction` for the ECBN provisioner, with these defaults (each one a deliberate choice, tested):
 *
 * - Node.js 24 (`nodejs24.x`), ARM64 (Graviton: cheaper per GB-second), 512 MB, 60 s timeout;
 * - bundled locally with esbuild (no Docker) as a minified ES module with source maps (`NODE_OPTIONS=
 *   --enable-source-maps`), `mainFields: module, main`, a banner that recreates `require` for CommonJS dependencies;
 * - the AWS SDK bundled too (`externalModules: []`): the SDK version tested is the version deployed, not whatever the
 *   runtime ships;
 * - the rules file validated and compiled to JSON next to the handler (`/var/task/ecbn-rules.json`,
 *   `ECBN_RULES_FILE`), so code and rules deploy together and the asset hash changes when the rules do;
 * - its own log group with the given retention (nothing is written to an unmanaged `/aws/lambda/...` group);
 * - active X-Ray tracing;
 * - an explicit execution role with no managed policy; this construct grants only log writing to its own log group.
 *   Add every other permission with {@link EcbnFunction.allow}, one named statement per need.
 * - Powertools: `POWERTOOLS_SERVICE_NAME=ecbn-provisioner`, `POWERTOOLS_METRICS_NAMESPACE=EcbnProvisioner`.
 *
 * @example
 * const fn = new EcbnFunction(this, 'Provisioner', {
 *   entry: 'lambda/handler.ts', projectRoot: '.', rulesFile: 'config/ecbn-rules.yaml',
 *   environment: { DRY_RUN: 'true' }, logRetention: RetentionDays.THREE_MONTHS,
 * });
 * fn.allow('ReadWebexToken', ['secretsmanager:GetSecretValue'], [secretArn]);
 */
export class EcbnFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: EcbnFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      // Logs are the audit trail of emergency-number changes: keep them when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'ecbn-provisioner function: only what its code does',
    });
    this.allow('WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], [this.logGroup.logGroupArn]);

    // Validated here too (the stack already did; a construct used alone must not bundle a broken file).
    const rulesFile = path.join(mkdtempSync(path.join(tmpdir(), 'ecbn-rules-')), BUNDLED_RULES_FILE_NAME);
    writeFileSync(rulesFile, compileRules(loadRulesFile(props.rulesFile)));
    this.function = new NodejsFunction(this, 'Function', {
      description: 'Sets Webex Calling emergency callback numbers from HR onboarding events',
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        ECBN_RULES_FILE: BUNDLED_RULES_FILE_PATH,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS,
      },
      bundling: {
        ...ESM_BUNDLING,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            `cp ${shellQuote(rulesFile)} ${shellQuote(`${outputDir}/${BUNDLED_RULES_FILE_NAME}`)}`,
          ],
        },
      },
    });
  }

  /**
   * Grants the function one named permission (its `Sid` says why it exists).
   *
   * @example
   * fn.allow('DeadLetterPermanentFailures', ['sqs:SendMessage'], [dlq.queueArn]);
   */
  allow(sid: string, actions: string[], resources: string[]): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ sid, actions, resources }));
  }
}

/** POSIX single-quoting for the bundling hook's shell command (paths may hold spaces). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
