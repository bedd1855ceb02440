import { decodeGlobalId, openCursor, sealCursor, toGlobalId, type NodeTypeName } from '../../src/common/global-id';

/**
 * Ids and cursors as the server makes them (src/common/global-id.ts, with the key a test app
 * loaded): tests never build them by hand. Call after startTestApp.
 */
export function globalIdOf(type: NodeTypeName, rowId: string | number | bigint): string {
  return toGlobalId(type, String(rowId));
}

/** The row id behind a global id the server gave. */
export function rowIdOf(globalId: string): string {
  const decoded = decodeGlobalId(globalId);
  if (decoded === null) throw new Error(`Not a global id of this server: ${globalId}`);
  return decoded.rowId;
}

/** An id in the first form, base64url("Type:rowId"), which still resolves for rows made before the key. */
export function legacyGlobalIdOf(type: string, rowId: string | number): string {
  return Buffer.from(`${type}:${rowId}`, 'utf8').toString('base64url');
}

/** A cursor with the given payload, sealed as the server seals its own (to try hostile payloads). */
export function cursorOf(payload: unknown): string {
  return sealCursor(JSON.stringify(payload));
}

/** What a cursor the server gave holds. */
export function cursorPayload(cursor: string): unknown {
  const payload = openCursor(cursor);
  if (payload === null) throw new Error(`Not a cursor of this server: ${cursor}`);
  return JSON.parse(payload) as unknown;
}
