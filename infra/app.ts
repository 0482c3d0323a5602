/**
 * CDK entry point (`cdk.json` runs it with tsx). Settings and rules errors are printed as one clear line, not a stack
 * trace: they are the operator's to fix.
 */
import { InvalidRulesError } from '../lambda/errors.js';
import { createApp } from './create-app.js';
import { InvalidSettingsError } from './settings.js';

try {
  createApp();
} catch (error) {
  if (error instanceof InvalidSettingsError || error instanceof InvalidRulesError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
