import { describe, expect, it } from 'vitest';
import { clockLabel, elapsedLabel, formatProgressLine } from '../../../local/start/progress.js';
import { reportFactory, rowFactory } from './factories.js';

describe('formatProgressLine', () => {
  it('shows the wanted ECBN of a record that was decided', () => {
    // Act
    const line = formatProgressLine('+0.4s', rowFactory(reportFactory()));
    // Assess
    expect(line).toBe(
      '   +0.4s  Bob Martinez        updated, was NONE             LOCATION_MEMBER_NUMBER → Lobby Phone +15550111',
    );
  });

  it('shows the reason of a record that was not', () => {
    // Act
    const line = formatProgressLine(
      '+1.0s',
      rowFactory(
        reportFactory({
          outcome: 'deferred',
          errorClass: 'transient',
          deferSeconds: 2,
          error: 'PersonNotReadyError: no calling location yet',
        }),
      ),
    );
    // Assess
    expect(line).toBe(
      '   +1.0s  Bob Martinez        deferred 2s (transient)       PersonNotReadyError: no calling location yet',
    );
  });
});

describe('time labels', () => {
  it('counts seconds since the start with one decimal', () => {
    // Act / Assess
    expect(elapsedLabel(1_000, 2_340)).toBe('+1.3s');
  });

  it('shows the local wall clock as HH:MM:SS', () => {
    // Act / Assess
    expect(clockLabel(new Date(2026, 10, 29, 4, 3, 7))).toBe('04:03:07');
  });
});
