/**
 * Captures everything the process prints (stdout and stderr: the handler's Powertools log lines, library warnings,
 * the simulator's complaints) into memory while the soak runs, so it can be searched for the token afterwards.
 *
 * Powertools Logger writes through a `Console` bound to `process.stdout`/`process.stderr` at construction; that
 * Console calls the stream's `write` at print time, so replacing `write` on the stream objects catches it too.
 */

export interface OutputCapture {
  /** Everything written since the capture started, in order (including what was echoed). */
  text(): string;
  /** Bytes captured so far. */
  readonly bytes: number;
  /** Writes `text` to the real stream (shown to the user) and records it like any other output. */
  echo(stream: 'stdout' | 'stderr', text: string): void;
  /** Puts the real `write` functions back. Idempotent. */
  restore(): void;
}

type Write = typeof process.stdout.write;

/**
 * @example
 * const capture = captureProcessOutput();
 * try { await work(); } finally { capture.restore(); }
 * capture.text().includes(token); // false, hopefully
 */
export function captureProcessOutput(): OutputCapture {
  const chunks: string[] = [];
  let bytes = 0;
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  const record = (chunk: unknown, encoding?: unknown): void => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : String(chunk);
    chunks.push(text);
    bytes += text.length;
  };
  const swallow = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    record(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as Write;
  process.stdout.write = swallow;
  process.stderr.write = swallow;
  let restored = false;

  return {
    text: () => chunks.join(''),
    get bytes() {
      return bytes;
    },
    echo(stream, text) {
      record(text);
      original[stream].call(process[stream], text);
    },
    restore() {
      if (restored) return;
      restored = true;
      process.stdout.write = original.stdout;
      process.stderr.write = original.stderr;
    },
  };
}
