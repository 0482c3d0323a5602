/**
 * Injected faults, picked per request: the failures a client must survive (spec-listed 423/500/502/503/504, a reset
 * connection, an answer that never comes). One draw of `random` per request while probabilities are set, so a seeded
 * `random` makes a run reproducible.
 */

export const FAULT_KINDS = ['status500', 'status502', 'status503', 'status504', 'locked423', 'reset', 'hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Probability of each fault per request (0–1); the sum must be ≤ 1. */
  readonly probabilities?: Partial<Record<FaultKind, number>>;
  /**
   * Faults for the next requests, in order, before probabilities apply (`'none'` lets one request through).
   * Replaced, not appended, by `configure({ faults })`.
   */
  readonly sequence?: readonly (FaultKind | 'none')[];
  /** `Retry-After` of an injected 423. @default 1 */
  readonly retryAfterSeconds?: number;
  /**
   * Probability that a faulted PUT is applied before the fault is answered (a gateway timing out after the backend
   * committed): a retry then repeats an update that already happened. @default 0
   */
  readonly appliedBeforeFaultProbability?: number;
}

function checkProbability(name: string, p: number | undefined): void {
  if (p !== undefined && !(p >= 0 && p <= 1)) throw new RangeError(`${name} must be within 0..1, got ${p}`);
}

/** Throws a `RangeError` naming the bad knob. */
export function validateFaults(options: FaultOptions): FaultOptions {
  let sum = 0;
  for (const [kind, p] of Object.entries(options.probabilities ?? {})) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new RangeError(`Unknown fault kind ${kind}`);
    checkProbability(`faults.probabilities.${kind}`, p);
    sum += p ?? 0;
  }
  if (sum > 1 + 1e-9) throw new RangeError(`Fault probabilities add up to ${sum} > 1`);
  checkProbability('faults.appliedBeforeFaultProbability', options.appliedBeforeFaultProbability);
  for (const kind of options.sequence ?? []) {
    if (kind !== 'none' && !(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new RangeError(`Unknown fault kind ${kind}`);
    }
  }
  if (
    options.retryAfterSeconds !== undefined &&
    !(Number.isInteger(options.retryAfterSeconds) && options.retryAfterSeconds >= 1)
  ) {
    throw new RangeError(`faults.retryAfterSeconds must be an integer >= 1, got ${options.retryAfterSeconds}`);
  }
  return options;
}

export class FaultInjector {
  #options: FaultOptions = {};
  #sequence: (FaultKind | 'none')[] = [];
  readonly #random: () => number;

  /**
   * @example
   * const faults = new FaultInjector({ sequence: ['status503'] }, Math.random);
   * faults.next(); // 'status503'
   * faults.next(); // undefined
   */
  constructor(options: FaultOptions | undefined, random: () => number) {
    this.#random = random;
    this.configure(options);
  }

  configure(options: FaultOptions | undefined): void {
    this.#options = validateFaults(options ?? {});
    this.#sequence = [...(this.#options.sequence ?? [])];
  }

  get retryAfterSeconds(): number {
    return this.#options.retryAfterSeconds ?? 1;
  }

  /** The fault for the next request, if any. */
  next(): FaultKind | undefined {
    const scripted = this.#sequence.shift();
    if (scripted !== undefined) return scripted === 'none' ? undefined : scripted;
    const probabilities = this.#options.probabilities;
    if (!probabilities) return undefined;
    const total = FAULT_KINDS.reduce((sum, kind) => sum + (probabilities[kind] ?? 0), 0);
    if (total <= 0) return undefined;
    let draw = this.#random();
    for (const kind of FAULT_KINDS) {
      draw -= probabilities[kind] ?? 0;
      if (draw < 0) return kind;
    }
    return undefined;
  }

  /** Whether a faulted PUT is applied first (draws `random` only when the knob is set). */
  appliesBeforeFault(): boolean {
    const p = this.#options.appliedBeforeFaultProbability ?? 0;
    return p > 0 && this.#random() < p;
  }
}
