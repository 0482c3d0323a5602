import { Console } from 'node:console';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureProcessOutput, type OutputCapture } from '../../../local/soak/output-capture.js';

let capture: OutputCapture | undefined;
afterEach(() => capture?.restore());

describe('captureProcessOutput', () => {
  it('keeps what is written to stdout and stderr in memory instead of printing it', () => {
    // Prepare
    const realWrite = process.stdout.write;
    const printed = vi.fn(() => true);
    process.stdout.write = printed as unknown as typeof process.stdout.write;
    try {
      capture = captureProcessOutput();
      // Act
      process.stdout.write('one ');
      process.stderr.write(Buffer.from('two'));
      capture.restore();
    } finally {
      process.stdout.write = realWrite;
    }
    // Assess
    expect(capture.text()).toBe('one two');
    expect(capture.bytes).toBe(7);
    expect(printed).not.toHaveBeenCalled();
  });

  it('catches a Console bound to the process streams before the capture started (as Powertools Logger does)', () => {
    // Prepare
    const logger = new Console({ stdout: process.stdout, stderr: process.stderr });
    capture = captureProcessOutput();
    // Act
    logger.info('{"level":"INFO","message":"ECBN record processed"}');
    logger.error('{"level":"ERROR"}');
    capture.restore();
    // Assess
    expect(capture.text()).toContain('ECBN record processed');
    expect(capture.text()).toContain('"level":"ERROR"');
  });

  it('calls a write callback, as a stream would', async () => {
    capture = captureProcessOutput();
    const done = new Promise<void>((resolve) => process.stdout.write('x', () => resolve()));
    await expect(done).resolves.toBeUndefined();
  });

  it('echoes to the real stream and records the echo too', () => {
    // Prepare
    const realWrite = process.stderr.write;
    const printed: string[] = [];
    process.stderr.write = ((text: string) => printed.push(text) > 0) as typeof process.stderr.write;
    try {
      capture = captureProcessOutput();
      // Act
      capture.echo('stderr', 'progress\n');
      capture.restore();
    } finally {
      process.stderr.write = realWrite;
    }
    // Assess
    expect(printed).toEqual(['progress\n']);
    expect(capture.text()).toBe('progress\n');
  });

  it('puts the real write functions back, once', () => {
    const before = process.stdout.write;
    capture = captureProcessOutput();
    expect(process.stdout.write).not.toBe(before);
    capture.restore();
    capture.restore();
    expect(process.stdout.write).toBe(before);
  });
});
