// Shared test setup: aws-sdk-client-mock matchers for vitest.
import { expect } from 'vitest';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';

expect.extend(allCustomMatcher);
