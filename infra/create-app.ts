/**
 * Builds the CDK app: settings from context, the one stack, and cdk-nag's AWS Solutions checks (v3 API: a policy
 * validation plugin, so any unacknowledged finding fails synth).
 */
import path from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EcbnStack } from './ecbn-stack.js';
import { settingsFromContext } from './settings.js';

/** The repository root (this file lives in `infra/`). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** The stack's name in CloudFormation (without a stage). */
export const STACK_NAME = 'EcbnProvisioner';

/**
 * The stack of a stage: `EcbnProvisioner-<stage>`, or today's `EcbnProvisioner` without one. Every resource name is
 * generated from the stack, so stages live side by side in one account and region.
 *
 * @example
 * stackNameFor('dev'); // 'EcbnProvisioner-dev'
 */
export function stackNameFor(stage: string | undefined): string {
  return stage === undefined ? STACK_NAME : `${STACK_NAME}-${stage}`;
}

export interface CreateAppOptions extends AppProps {
  /** @default `<PROJECT_ROOT>/lambda/handler.ts` */
  readonly handlerEntry?: string;
}

/**
 * Creates the app and its stack. Throws `InvalidSettingsError` (a bad or missing setting, named) or
 * `InvalidRulesError` (the rules file) before anything is synthesized.
 *
 * @example
 * const { app } = createApp({ context: { secretName: 'ecbn/webex-token' } });
 * app.synth();
 */
export function createApp(options: CreateAppOptions = {}): { app: App; stack: EcbnStack } {
  const { handlerEntry, ...appProps } = options;
  const app = new App(appProps);
  const settings = settingsFromContext(app.node.getAllContext());
  const stack = new EcbnStack(app, stackNameFor(settings.stage), {
    settings,
    projectRoot: PROJECT_ROOT,
    handlerEntry,
    description: 'ecbn-provisioner: Webex Calling emergency callback numbers from HR onboarding events (SQS + Lambda)',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
