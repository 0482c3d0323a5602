/**
 * What the token CLI reads and writes, injectable so tests run it without a terminal: lines out and err, the
 * environment, and a prompt that never echoes a secret.
 */
export interface TokenIo {
  out(line: string): void;
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asks for one value; `secret` values are not echoed. */
  prompt(question: string, options: { readonly secret: boolean }): Promise<string>;
}
