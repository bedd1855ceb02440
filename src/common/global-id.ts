import { badInput } from './errors';

/**
 * Opaque global ids: base64url("Type:rowId"). Clients must not parse them; the server can,
 * and refuses anything malformed with BAD_USER_INPUT naming the argument.
 */
export type NodeTypeName = 'Source' | 'Article' | 'Sentence' | 'Actor' | 'Claim' | 'Event' | 'Mention' | 'Organization';

const NODE_TYPES: ReadonlySet<string> = new Set<NodeTypeName>([
  'Source',
  'Article',
  'Sentence',
  'Actor',
  'Claim',
  'Event',
  'Mention',
  'Organization',
]);

const ROW_ID = /^[1-9][0-9]{0,18}$/;
const MAX_ROW_ID = 2n ** 63n - 1n;

export function toGlobalId(type: NodeTypeName, rowId: string): string {
  return Buffer.from(`${type}:${rowId}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  type: NodeTypeName;
  rowId: string;
}

/** Decodes without judging the type; `null` when the id is not one of ours. */
export function decodeGlobalId(id: string): DecodedGlobalId | null {
  if (id.length > 64 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const [type, rowId, ...rest] = Buffer.from(id, 'base64url').toString('utf8').split(':');
  if (rest.length > 0 || !NODE_TYPES.has(type) || rowId === undefined || !ROW_ID.test(rowId) || BigInt(rowId) > MAX_ROW_ID) return null;
  return { type: type as NodeTypeName, rowId };
}

/** The row id behind a global id that must be of `type`; `field` names the argument for errors. */
export function parseGlobalId(id: string, type: NodeTypeName, field: string): string {
  const decoded = decodeGlobalId(id);
  if (decoded === null) throw badInput(field, `"${truncate(id)}" is not a valid id`);
  if (decoded.type !== type) throw badInput(field, `Expected an id of a ${type}, got one of a ${decoded.type}`);
  return decoded.rowId;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
