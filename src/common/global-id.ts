import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  timingSafeEqual,
  type Cipher,
  type Decipher,
  type KeyObject,
} from 'node:crypto';
import { badInput } from './errors';

/**
 * Opaque global ids. An id is one AES-128 block, base64url (22 characters), holding a type tag,
 * the 8-byte row id and seven zero bytes: a keyed permutation of (type, row id), so ids show no
 * order, no gaps and no count, and a made-up id fails the tag and padding check. The key lives in
 * the database (table `global_id_key`, unreadable by the request role) and is installed once at
 * startup (src/db/global-id-key.ts), so encoding and decoding stay synchronous.
 *
 * The first form, base64url("Type:rowId"), still decodes, but only for rows that existed when
 * the key was made (`legacyLimits`): old ids that clients hold keep working, while new rows
 * cannot be counted by trying "Claim:1", "Claim:2", ... Only the new form is ever emitted.
 *
 * Cursors are sealed with the same key (`sealCursor`), so they carry no readable row id either.
 */
export type NodeTypeName = 'Source' | 'Article' | 'Sentence' | 'Actor' | 'Claim' | 'Event' | 'Mention' | 'Organization';

/** Tag byte of each type; never renumber (ids in clients' hands depend on them). */
const TYPE_TAGS: Readonly<Record<NodeTypeName, number>> = {
  Source: 1,
  Article: 2,
  Sentence: 3,
  Actor: 4,
  Claim: 5,
  Event: 6,
  Mention: 7,
  Organization: 8,
};
const TYPE_BY_TAG = new Map<number, NodeTypeName>(Object.entries(TYPE_TAGS).map(([type, tag]) => [tag, type as NodeTypeName]));

const ROW_ID = /^[1-9][0-9]{0,18}$/;
const MAX_ROW_ID = 2n ** 63n - 1n;

export type LegacyIdLimits = Partial<Record<NodeTypeName, string>>;

export interface DecodedGlobalId {
  type: NodeTypeName;
  rowId: string;
}

interface Keys {
  secret: Buffer;
  /**
   * One AES-128-ECB cipher each way, kept for the codec's life: without padding, each `update` of
   * a 16-byte block gives its 16 bytes at once, and a fresh cipher per id costs three times as much.
   */
  idCipher: Cipher;
  idDecipher: Decipher;
  cursors: KeyObject;
  cursorNonces: KeyObject;
  legacyLimits: ReadonlyMap<NodeTypeName, bigint>;
}

/** Encoding and decoding under one key: the installed codec serves the module functions below. */
export interface GlobalIdCodec {
  toGlobalId(type: NodeTypeName, rowId: string): string;
  decodeGlobalId(id: string): DecodedGlobalId | null;
  sealCursor(payload: string): string;
  openCursor(cursor: string): string | null;
}

/** A codec for `secret` (at least 16 random bytes); subkeys are derived with HKDF, one per use. */
export function createGlobalIdCodec(secret: Uint8Array, legacyLimits: LegacyIdLimits = {}): GlobalIdCodec {
  if (secret.length < 16) throw new Error('The global id key must have at least 16 bytes');
  const derive = (use: string, length: number) =>
    createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'verbatim', `verbatim ${use}`, length)));
  const ids = derive('global id', 16);
  const keys: Keys = {
    secret: Buffer.from(secret),
    idCipher: createCipheriv('aes-128-ecb', ids, null).setAutoPadding(false),
    idDecipher: createDecipheriv('aes-128-ecb', ids, null).setAutoPadding(false),
    cursors: derive('cursor', 32),
    cursorNonces: derive('cursor nonce', 32),
    legacyLimits: new Map(
      Object.entries(legacyLimits)
        .filter(([type, limit]) => TYPE_TAGS[type as NodeTypeName] !== undefined && limit !== undefined && /^\d{1,19}$/.test(limit))
        .map(([type, limit]) => [type as NodeTypeName, BigInt(limit)]),
    ),
  };
  return {
    toGlobalId: (type, rowId) => encodeId(keys, type, rowId),
    decodeGlobalId: (id) => decodeId(keys, id),
    sealCursor: (payload) => seal(keys, payload),
    openCursor: (cursor) => open(keys, cursor),
  };
}

let installed: { codec: GlobalIdCodec; secret: Buffer } | null = null;

/**
 * Installs the process's key (once, at startup). Installing another key later is refused: ids
 * already handed out would stop resolving. The same key again may bring new legacy limits.
 */
export function installGlobalIdKey(secret: Uint8Array, legacyLimits: LegacyIdLimits = {}): void {
  if (installed !== null && !timingSafeEqualLength(installed.secret, secret)) {
    throw new Error('A different global id key is already installed in this process');
  }
  installed = { codec: createGlobalIdCodec(secret, legacyLimits), secret: Buffer.from(secret) };
}

function codec(): GlobalIdCodec {
  if (installed === null) throw new Error('No global id key installed: load it from the database first (src/db/global-id-key.ts)');
  return installed.codec;
}

export function toGlobalId(type: NodeTypeName, rowId: string): string {
  return codec().toGlobalId(type, rowId);
}

/** Decodes either form without judging the type; `null` when the id is not one of ours. */
export function decodeGlobalId(id: string): DecodedGlobalId | null {
  return codec().decodeGlobalId(id);
}

/** The id in the current form (stored ids, e.g. in the deletions feed, may predate it); unknown text as is. */
export function canonicalGlobalId(id: string): string {
  const decoded = decodeGlobalId(id);
  return decoded === null ? id : toGlobalId(decoded.type, decoded.rowId);
}

/**
 * A column transformer for stored global ids (the deletions feed, the audit log): rows written
 * before ids changed form hold first-form ids; they are read back in the current form.
 */
export const storedGlobalIds = {
  to: (value: unknown): unknown => value,
  from: (value: unknown): unknown =>
    typeof value === 'string'
      ? canonicalGlobalId(value)
      : Array.isArray(value)
        ? (value as unknown[]).map((id) => (typeof id === 'string' ? canonicalGlobalId(id) : id))
        : value,
};

/** The row id behind a global id that must be of `type`; `field` names the argument for errors. */
export function parseGlobalId(id: string, type: NodeTypeName, field: string): string {
  const decoded = decodeGlobalId(id);
  if (decoded === null) throw badInput(field, `"${truncate(id)}" is not a valid id`);
  if (decoded.type !== type) throw badInput(field, `Expected an id of a ${type}, got one of a ${decoded.type}`);
  return decoded.rowId;
}

/** A cursor's payload, encrypted and authenticated: unreadable, and not to be forged. */
export function sealCursor(payload: string): string {
  return codec().sealCursor(payload);
}

/** The payload of a cursor `sealCursor` made; `null` for anything else. */
export function openCursor(cursor: string): string | null {
  return codec().openCursor(cursor);
}

function encodeId(keys: Keys, type: NodeTypeName, rowId: string): string {
  if (!ROW_ID.test(rowId) || BigInt(rowId) > MAX_ROW_ID) throw new Error(`Not a row id: ${truncate(rowId)}`);
  const block = Buffer.alloc(16);
  block[0] = TYPE_TAGS[type];
  block.writeBigUInt64BE(BigInt(rowId), 1);
  return keys.idCipher.update(block).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeId(keys: Keys, id: string): DecodedGlobalId | null {
  if (id.length > 64 || !BASE64URL.test(id)) return null;
  const bytes = Buffer.from(id, 'base64url');
  return (bytes.length === 16 && bytes.toString('base64url') === id ? decodeBlock(keys, bytes) : null) ?? decodeLegacy(keys, bytes);
}

function decodeBlock(keys: Keys, bytes: Buffer): DecodedGlobalId | null {
  const block = keys.idDecipher.update(bytes);
  const type = TYPE_BY_TAG.get(block[0]);
  if (type === undefined || !block.subarray(9).equals(ZERO_PADDING)) return null;
  const rowId = block.readBigUInt64BE(1);
  if (rowId < 1n || rowId > MAX_ROW_ID) return null;
  return { type, rowId: rowId.toString() };
}

const ZERO_PADDING = Buffer.alloc(7);

function decodeLegacy(keys: Keys, bytes: Buffer): DecodedGlobalId | null {
  const [type, rowId, ...rest] = bytes.toString('utf8').split(':');
  if (rest.length > 0 || !Object.hasOwn(TYPE_TAGS, type) || rowId === undefined || !ROW_ID.test(rowId)) return null;
  const limit = keys.legacyLimits.get(type as NodeTypeName);
  if (limit === undefined || BigInt(rowId) > limit) return null;
  return { type: type as NodeTypeName, rowId };
}

/*
 * AES-256-GCM with a synthetic nonce (HMAC of the payload under a key of its own): the same
 * position gives the same cursor, a different one a different nonce, and any change to the
 * cursor fails authentication.
 */
function seal(keys: Keys, payload: string): string {
  const plain = Buffer.from(payload, 'utf8');
  const nonce = createHmac('sha256', keys.cursorNonces).update(plain).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', keys.cursors, nonce);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

function open(keys: Keys, cursor: string): string | null {
  if (!BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.cursors, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function timingSafeEqualLength(a: Buffer, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
