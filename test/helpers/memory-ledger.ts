/**
 * An in-memory {@link PersonLedger} for unit tests of the per-record flow (no network). It keeps the contract the
 * flow relies on — one lease per person, commit only by the holder — and records every commit for assertions. The
 * DynamoDB implementation is tested against dynalite (test/integration/ledger-*.test.ts).
 */
import { LedgerBusyError, LedgerUnavailableError } from '../../lambda/errors.js';
import { nextHistory } from '../../lambda/ledger/history.js';
import type { Lease, LedgerCommit, LedgerState, PersonLedger } from '../../lambda/ledger/types.js';
import { webexIdKey } from '../../lambda/webex/ids.js';

export interface MemoryLedger extends PersonLedger {
  readonly commits: LedgerCommit[];
  /** `listDependents` calls (the Query only a lost member may cost). */
  readonly dependentQueries: { count: number };
  state(personId: string): LedgerState | undefined;
  /** Seeds a person's state (e.g. an event already applied). */
  seed(state: LedgerState): void;
  /** Makes the next call fail like a throttled table. */
  failNext(): void;
  /** Holds the person's lease for another owner until `until`. */
  holdLease(personId: string, until: number): void;
}

export function memoryLedger(now: () => number): MemoryLedger {
  const states = new Map<string, LedgerState>();
  const leases = new Map<string, { owner: string; until: number }>();
  const commits: LedgerCommit[] = [];
  const dependentQueries = { count: 0 };
  let failing = false;
  const check = (): void => {
    if (failing) {
      failing = false;
      throw new LedgerUnavailableError('DynamoDB UpdateItem failed: ThrottlingException');
    }
  };
  return {
    commits,
    dependentQueries,
    state: (personId) => states.get(webexIdKey(personId)),
    seed: (state) => states.set(webexIdKey(state.personId), state),
    failNext: () => {
      failing = true;
    },
    holdLease: (personId, until) => leases.set(webexIdKey(personId), { owner: 'someone-else', until }),
    async acquire(personId, owner, until): Promise<Lease> {
      check();
      const key = webexIdKey(personId);
      const held = leases.get(key);
      if (held && held.until >= now() && held.owner !== owner) throw new LedgerBusyError('busy', 2);
      leases.set(key, { owner, until });
      const state = states.get(key) ?? { personId, history: [] };
      return { personId, owner, until, state };
    },
    async finish(lease, commit) {
      check();
      const key = webexIdKey(lease.personId);
      if (leases.get(key)?.owner !== lease.owner) throw new LedgerUnavailableError('lease lost');
      commits.push(commit);
      const before = states.get(key) ?? lease.state;
      states.set(key, {
        ...before,
        history: nextHistory(before.history, commit.history, now()).keep,
        ...(commit.newest ? { newest: commit.newest } : {}),
        ...(commit.placement ? { placement: commit.placement } : {}),
        ...(commit.decision ? { decision: commit.decision } : {}),
        ...(typeof commit.memberKey === 'string' ? { memberKey: commit.memberKey } : {}),
      });
      leases.delete(key);
    },
    async readPlacements() {
      return new Map();
    },
    async listDependents(memberId) {
      check();
      dependentQueries.count += 1;
      const key = webexIdKey(memberId);
      return [...states.values()]
        .filter((state) => state.memberKey === key)
        .map((state) => ({
          personId: state.personId,
          ...(state.placement === undefined ? {} : { locationId: state.placement.locationId }),
        }));
    },
  };
}
