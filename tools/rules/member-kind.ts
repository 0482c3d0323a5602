/** Words for Webex owner types, as admins read them in Control Hub. */

const KINDS: Readonly<Record<string, string>> = {
  PEOPLE: 'person',
  PLACE: 'workspace',
  VIRTUAL_LINE: 'virtual line',
  HUNT_GROUP: 'hunt group',
  AUTO_ATTENDANT: 'auto attendant',
  CALL_QUEUE: 'call queue',
  PAGING_GROUP: 'paging group',
  VOICEMAIL_GROUP: 'voicemail group',
};

/**
 * @example
 * memberKind('PLACE'); // 'workspace'
 * memberKind('ROUTE_LIST'); // 'route list'
 */
export function memberKind(ownerType: string | undefined): string {
  if (ownerType === undefined) return 'unknown owner';
  return KINDS[ownerType] ?? ownerType.toLowerCase().replace(/_/g, ' ');
}

/** `first last`, else the display name, else the kind: how a number's owner is named in messages. */
export function ownerName(owner: {
  readonly type?: string | undefined;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  readonly displayName?: string | undefined;
}): string {
  const full = [owner.firstName, owner.lastName].filter((part) => part !== undefined && part !== '').join(' ');
  return owner.displayName ?? (full !== '' ? full : memberKind(owner.type));
}
