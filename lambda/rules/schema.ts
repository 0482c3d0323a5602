/**
 * The rules file (`config/ecbn-rules.yaml`), version 1: its types, value sets and zod schema.
 *
 * ```yaml
 * version: 1
 * defaults:
 *   withDirectLine: DIRECT_LINE        # DIRECT_LINE | LOCATION_ECBN
 *   withoutDirectLine: LOCATION_ECBN   # what extension-only people get
 * locations:
 *   - locationId: <Webex location id>
 *     name: San Jose HQ
 *     withoutDirectLine: LOCATION_ECBN # optional override of the default
 *     zones:
 *       - match: { building: B2, floor: "3" }   # floor optional: building-wide
 *         callbackMember: { id: <member id> }   # or { phoneNumber: "+14085550134" }
 *         appliesTo: withoutDirectLine          # or: everyone (default: withoutDirectLine)
 * ```
 *
 * Every object is closed: an unknown key is an error, because a typo (`appliesto`, `flor`) would otherwise silently
 * change who gets which emergency callback number. Checks across entries (duplicate locations and zone matches)
 * live in `validate-rules.ts`. Selections are the Webex `CallBackSelectedPatch` values
 * (https://developer.webex.com/docs/api/v1/emergency-services-settings).
 */
import * as z from 'zod';
import { decodeWebexId } from '../webex/ids.js';
import { MEMBER_TYPE } from '../webex/models.js';
import { isE164, normalizePhoneNumber } from './phone-number.js';

/** Rules file versions this release reads. */
export const RULES_VERSIONS = [1] as const;

/** What a person with a direct line (DID) may get by default. */
export const WITH_DIRECT_LINE_SELECTION = [
  /** The person's own number: the PSAP calls them back directly. */
  'DIRECT_LINE',
  /** The location's ECBN, e.g. when DIDs are not trusted for emergency use. */
  'LOCATION_ECBN',
] as const;
export type WithDirectLineSelection = (typeof WITH_DIRECT_LINE_SELECTION)[number];

/**
 * What a person without a direct line (extension only) may get by default. `DIRECT_LINE` is impossible for them
 * and a member number is a zone's job, so the location ECBN is the only default.
 */
export const WITHOUT_DIRECT_LINE_SELECTION = [
  /** The location's ECBN (Webex: "typically configured for users without dedicated telephone numbers"). */
  'LOCATION_ECBN',
] as const;
export type WithoutDirectLineSelection = (typeof WITHOUT_DIRECT_LINE_SELECTION)[number];

/** Who a zone applies to. */
export const ZONE_APPLIES_TO = [
  /** Only people without a direct line (the default): people with a DID keep their own number. */
  'withoutDirectLine',
  /** Everyone whose workplace matches, direct line or not. */
  'everyone',
] as const;
export type ZoneAppliesTo = (typeof ZONE_APPLIES_TO)[number];

/** The member whose number becomes the ECBN: by Webex member id, or by its phone number (E.164). */
export type CallbackMember = { readonly id: string } | { readonly phoneNumber: string };

/** One zone of a location: a building, or a floor of a building, and whose number people there call back from. */
export interface ZoneRule {
  readonly match: { readonly building: string; readonly floor?: string };
  readonly callbackMember: CallbackMember;
  readonly appliesTo: ZoneAppliesTo;
}

/** The rules of one Webex Calling location. */
export interface LocationRules {
  readonly locationId: string;
  readonly name?: string;
  /** Overrides `defaults.withoutDirectLine` for this location. */
  readonly withoutDirectLine?: WithoutDirectLineSelection;
  readonly zones: readonly ZoneRule[];
}

/** A parsed rules file, defaults applied. */
export interface EcbnRules {
  readonly version: 1;
  /**
   * `example: true` marks a file written for the demo org (`config/ecbn-rules.yaml`): its ids are not any real
   * org's, so `cdk synth` refuses it unless `-c allowExampleRules=true` (`infra/example-rules-guard.ts`). Present only
   * when the file says it.
   */
  readonly example?: boolean;
  readonly defaults: {
    readonly withDirectLine: WithDirectLineSelection;
    readonly withoutDirectLine: WithoutDirectLineSelection;
  };
  readonly locations: readonly LocationRules[];
}

/** The defaults when the file does not say: DID people keep their DID, extension-only people get the location ECBN. */
export const DEFAULT_RULES_DEFAULTS: EcbnRules['defaults'] = Object.freeze({
  withDirectLine: 'DIRECT_LINE',
  withoutDirectLine: 'LOCATION_ECBN',
});

const MEMBER_TYPES: readonly string[] = MEMBER_TYPE;

function trimmedText(maxLength: number) {
  return z.string().trim().min(1).max(maxLength);
}

/** A building or floor label; YAML reads `floor: 3` as a number, which is fine (it becomes "3"). */
function label() {
  return z.preprocess(
    (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
    trimmedText(128),
  );
}

/** A Webex id; when it decodes, its type must be one of `types` (a pasted location id is a clear error). */
function webexId(types: readonly string[], what: string) {
  return trimmedText(512).superRefine((id, context) => {
    const decoded = decodeWebexId(id);
    if (decoded !== undefined && !types.includes(decoded.type)) {
      context.addIssue({ code: 'custom', message: `is a ${decoded.type} id, expected ${what}` });
    }
  });
}

const phoneNumber = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? 'quote the number (YAML read it as a number and dropped the "+"), e.g. "+14085550134"'
        : undefined,
  })
  .trim()
  .superRefine((value, context) => {
    if (!value.startsWith('+') || !isE164(normalizePhoneNumber(value))) {
      context.addIssue({ code: 'custom', message: 'not an E.164 number, e.g. "+14085550134"' });
    }
  })
  .transform(normalizePhoneNumber);

const withDirectLine = z.enum(WITH_DIRECT_LINE_SELECTION, {
  error: (issue) =>
    issue.input === 'LOCATION_MEMBER_NUMBER'
      ? 'a member number is given by a zone (appliesTo: everyone), not by a default; expected DIRECT_LINE or LOCATION_ECBN'
      : undefined,
});

const withoutDirectLine = z.enum(WITHOUT_DIRECT_LINE_SELECTION, {
  error: (issue) => {
    if (issue.input === 'DIRECT_LINE') {
      return 'DIRECT_LINE is impossible for people without a direct line (extension only); expected LOCATION_ECBN';
    }
    if (issue.input === 'LOCATION_MEMBER_NUMBER') {
      return 'a member number is given by a zone (callbackMember), not by a default; expected LOCATION_ECBN';
    }
    return undefined;
  },
});

const callbackMember = z
  .strictObject({
    id: webexId(MEMBER_TYPES, 'a person, workspace, virtual line or hunt group id').optional(),
    phoneNumber: phoneNumber.optional(),
  })
  .refine((member) => (member.id === undefined) !== (member.phoneNumber === undefined), {
    error: 'give exactly one of id or phoneNumber',
    // Also when the id or number is itself invalid: both problems are reported in one run.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  })
  .transform((member): CallbackMember =>
    member.id !== undefined ? { id: member.id } : { phoneNumber: member.phoneNumber ?? '' },
  );

const zone = z
  .strictObject({
    match: z.strictObject({ building: label(), floor: label().optional() }),
    callbackMember,
    appliesTo: z.enum(ZONE_APPLIES_TO).default('withoutDirectLine'),
  })
  .transform((value): ZoneRule => ({
    match:
      value.match.floor === undefined
        ? { building: value.match.building }
        : { building: value.match.building, floor: value.match.floor },
    callbackMember: value.callbackMember,
    appliesTo: value.appliesTo,
  }));

/** `null` (an empty YAML list key such as `zones:`) means an empty list. */
function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

const location = z
  .strictObject({
    locationId: webexId(['LOCATION'], 'a location id'),
    name: trimmedText(256).optional(),
    withoutDirectLine: withoutDirectLine.optional(),
    zones: list(zone),
  })
  .transform((value): LocationRules => {
    const result: { -readonly [K in keyof LocationRules]: LocationRules[K] } = {
      locationId: value.locationId,
      zones: value.zones,
    };
    if (value.name !== undefined) result.name = value.name;
    if (value.withoutDirectLine !== undefined) result.withoutDirectLine = value.withoutDirectLine;
    return result;
  });

/** The whole file. Checks across entries (duplicates) are in `validate-rules.ts`. */
export const rulesFileSchema = z
  .strictObject({
    version: z.literal(RULES_VERSIONS[0], {
      error: (issue) =>
        issue.input === undefined
          ? 'required'
          : `unknown version; this release reads version ${RULES_VERSIONS.join(', ')}`,
    }),
    defaults: z
      .strictObject({
        withDirectLine: withDirectLine.default(DEFAULT_RULES_DEFAULTS.withDirectLine),
        withoutDirectLine: withoutDirectLine.default(DEFAULT_RULES_DEFAULTS.withoutDirectLine),
      })
      .nullish()
      .transform((defaults) => defaults ?? { ...DEFAULT_RULES_DEFAULTS }),
    example: z.boolean().optional(),
    locations: list(location),
  })
  .transform((value): EcbnRules => ({
    version: value.version,
    ...(value.example === undefined ? {} : { example: value.example }),
    defaults: value.defaults,
    locations: value.locations,
  }));
