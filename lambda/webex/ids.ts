/**
 * Webex resource IDs are base64url of `ciscospark://<cluster>/<TYPE>/<uuid>`. The same entity can come back encoded
 * differently (e.g. `ciscospark://us/PLACE/<uuid>` and `ciscospark://urn:TEAM:us-east-1_int13/PLACE/<uuid>`, see the
 * spec examples and wxc_sdk's `webex_id_to_uuid`), so IDs are never compared as strings: use {@link sameWebexId}.
 */

/** The parts of a decoded Webex ID. */
export interface DecodedWebexId {
  /** e.g. `us` or `urn:TEAM:us-east-1_int13`. */
  readonly cluster: string;
  /** e.g. `PEOPLE`, `PLACE`, `LOCATION`, `VIRTUAL_LINE`, `HUNT_GROUP`, `ORGANIZATION`. */
  readonly type: string;
  /** Lower-cased UUID (or opaque id) part. */
  readonly uuid: string;
}

const PREFIX = 'ciscospark://';

/** Decodes a Webex ID; `undefined` when it is not a `ciscospark://` ID (e.g. a raw UUID). */
export function decodeWebexId(id: string): DecodedWebexId | undefined {
  let text: string;
  try {
    text = Buffer.from(id.trim(), 'base64url').toString('utf8');
  } catch {
    return undefined;
  }
  if (!text.startsWith(PREFIX)) return undefined;
  const rest = text.slice(PREFIX.length);
  const lastSlash = rest.lastIndexOf('/');
  const typeSlash = rest.lastIndexOf('/', lastSlash - 1);
  if (lastSlash <= 0 || typeSlash <= 0) return undefined;
  const cluster = rest.slice(0, typeSlash);
  const type = rest.slice(typeSlash + 1, lastSlash);
  const uuid = rest.slice(lastSlash + 1);
  if (!cluster || !type || !uuid) return undefined;
  return { cluster, type: type.toUpperCase(), uuid: uuid.toLowerCase() };
}

/** Encodes a Webex ID the way Webex does (base64url without padding). */
export function encodeWebexId(type: string, uuid: string, cluster = 'us'): string {
  return Buffer.from(`${PREFIX}${cluster}/${type}/${uuid}`, 'utf8').toString('base64url');
}

/**
 * True when both IDs name the same entity: same type and UUID, whatever the cluster part or encoding.
 * IDs that do not decode are compared as trimmed strings.
 *
 * @example
 * sameWebexId(encodeWebexId('PLACE', u, 'us'), encodeWebexId('PLACE', u, 'urn:TEAM:us-east-1_int13')); // true
 */
export function sameWebexId(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = decodeWebexId(a);
  const right = decodeWebexId(b);
  if (left && right) return left.type === right.type && left.uuid === right.uuid;
  if (left || right) {
    // One side may be a bare UUID (some payloads carry them): compare the UUID part only.
    const decoded = (left ?? right) as DecodedWebexId;
    const raw = (left ? b : a).trim().toLowerCase();
    return decoded.uuid === raw;
  }
  return a.trim() === b.trim();
}

/** A stable key for maps and caches: `TYPE/uuid` for Webex IDs, the trimmed string otherwise. */
export function webexIdKey(id: string): string {
  const decoded = decodeWebexId(id);
  return decoded ? `${decoded.type}/${decoded.uuid}` : id.trim();
}
