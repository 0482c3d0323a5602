/**
 * The person ledger's vocabulary: what the product remembers about one person (see docs/ledger.md for the item
 * layout). Everything here is plain data; the DynamoDB store is `dynamo-ledger.ts`.
 */

/** Where the person was last placed: their Webex Calling location, and the building/floor HR gave for it. */
export interface LedgerPlacement {
  locationId: string;
  building?: string;
  floor?: string;
}

/** The newest HR event applied for the person: the ordering watermark. */
export interface NewestEvent {
  /** Event time, epoch ms (`occurredAt`, else envelope time, else SQS `SentTimestamp`). */
  readonly at: number;
  readonly eventId: string;
  readonly eventType: string;
}

/** The ECBN setting as the ledger stores it (the PUT body). */
export interface LedgerSetting {
  readonly selected: string;
  readonly locationMemberId?: string;
}

/** The last decision applied to Webex (or found already there). */
export interface LedgerDecision {
  readonly wanted: LedgerSetting;
  readonly reason: string;
  readonly outcome: string;
  readonly attention?: string;
  readonly trackingIds: readonly string[];
  /** When it was applied, epoch ms. */
  readonly at: number;
  readonly eventId: string;
}

/** One event's outcome for the person (every event that reached the ledger, applied or not). */
export interface HistoryEntry {
  /** When the record was processed, epoch ms. */
  readonly at: number;
  /** The event's time, epoch ms. */
  readonly eventAt?: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly outcome: string;
  readonly wanted?: LedgerSetting;
  readonly reason?: string;
  readonly attention?: string;
  readonly errorClass?: string;
  readonly error?: string;
  readonly trackingIds: readonly string[];
}

/** The person's state as read when the lease was taken. */
export interface LedgerState {
  readonly personId: string;
  readonly orgId?: string;
  readonly email?: string;
  readonly newest?: NewestEvent;
  readonly placement?: LedgerPlacement;
  readonly decision?: LedgerDecision;
  /** `callbackMemberKey` of the zone member the person's ECBN points at, when it does. */
  readonly memberKey?: string;
  /** Newest last; entries older than the retention are pruned, overflow moves to archive items. */
  readonly history: readonly HistoryEntry[];
}

/** A held per-person lease: only its owner may commit, until `until` (epoch ms). */
export interface Lease {
  readonly personId: string;
  readonly owner: string;
  readonly until: number;
  /** The state read when the lease was taken (authoritative while the lease is held). */
  readonly state: LedgerState;
}

/** What a finished record writes. Absent fields are left as they are. */
export interface LedgerCommit {
  /** Every record that held the lease adds its outcome. */
  readonly history: HistoryEntry;
  /** Advances the watermark (applied HR events only; never reconcile, dry run, stale or failures). */
  readonly newest?: NewestEvent;
  readonly placement?: LedgerPlacement;
  readonly decision?: LedgerDecision;
  /** The member the ECBN now points at; `null` removes it (the ECBN no longer points at a member). */
  readonly memberKey?: string | null;
  readonly orgId?: string;
  /** Stored lower-cased (for `npm run person -- <email>`). */
  readonly email?: string;
}

/** A person whose ECBN points at a zone member (the `byMember` index). */
export interface LedgerDependent {
  personId: string;
  locationId?: string;
}

/** What `npm run person` shows: the state plus archived history. */
export interface LedgerPersonRecord {
  readonly state: LedgerState;
  /** Every history entry still kept, oldest first. */
  readonly history: readonly HistoryEntry[];
}

/** The ledger as the per-record flow and the audit use it. */
export interface PersonLedger {
  /**
   * Takes the person's lease (creating the item for a first event) and returns their state.
   * @throws LedgerBusyError when another record holds an unexpired lease.
   */
  acquire(personId: string, owner: string, until: number): Promise<Lease>;
  /** Writes the commit and releases the lease, only while `lease.owner` still holds it. */
  finish(lease: Lease, commit: LedgerCommit): Promise<void>;
  /** Placements keyed by `webexIdKey(personId)`; people the ledger does not know are absent. */
  readPlacements(personIds: readonly string[]): Promise<Map<string, LedgerPlacement>>;
  /** People whose ECBN points at this zone member (any id encoding). */
  listDependents(memberId: string): Promise<LedgerDependent[]>;
}
