/** What a route is and what its handler gets and returns. */
import type { SimErrorAnswer } from '../errors.js';
import type { OrgState } from '../org-state.js';

export interface RouteContext {
  /** Decoded path parameters, e.g. `{ personId }`. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The absolute request URL as the client addressed it (for `Link` headers). */
  readonly url: URL;
  readonly body: string;
  readonly state: OrgState;
  /** The org addressed: `orgId` from the query when the operation documents it, else the simulator's org. */
  readonly orgId: string;
  /** Caps list pages below the documented maxima (see `maxPageSize`). */
  readonly maxPageSize: number | undefined;
  /** How owner ids are written in available-number lists (see `reencodeOwnerIds`). */
  readonly encodeOwnerId: (id: string) => string;
}

export interface SuccessAnswer {
  readonly status: 200 | 204;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteAnswer = SuccessAnswer | SimErrorAnswer;

export function isErrorAnswer(answer: RouteAnswer): answer is SimErrorAnswer {
  return 'message' in answer;
}

export interface Route {
  readonly method: 'GET' | 'PUT';
  /** Path below `/v1`, with `{param}` placeholders, e.g. `/people/{personId}`. */
  readonly template: string;
  /** The scope the token must carry. */
  readonly scope: string;
  /** Whether the official definition lists an `orgId` query parameter (else a sent `orgId` is ignored). */
  readonly documentsOrgId: boolean;
  handle(context: RouteContext): RouteAnswer;
}
