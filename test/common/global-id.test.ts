import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  createGlobalIdCodec,
  decodeGlobalId,
  installGlobalIdKey,
  openCursor,
  parseGlobalId,
  sealCursor,
  toGlobalId,
  type NodeTypeName,
} from '../../src/common/global-id';

const KEY = randomBytes(16);
const TYPES: NodeTypeName[] = ['Source', 'Article', 'Sentence', 'Actor', 'Claim', 'Event', 'Mention', 'Organization'];
const legacy = (type: string, rowId: string | number) => Buffer.from(`${type}:${rowId}`, 'utf8').toString('base64url');

beforeAll(() => installGlobalIdKey(KEY, { Claim: '100', Actor: '7' }));

describe('global ids', () => {
  it('round-trip for any row id and type', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }), fc.constantFrom(...TYPES), (rowId, type) => {
        const id = toGlobalId(type, rowId.toString());
        expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(decodeGlobalId(id)).toEqual({ type, rowId: rowId.toString() });
      }),
    );
  });

  it('cannot be decoded, nor made, without the key: another key gives other ids and reads none of these', () => {
    const other = createGlobalIdCodec(randomBytes(16));
    for (const type of TYPES) {
      for (const rowId of ['1', '2', '3', '1000', '9223372036854775807']) {
        const id = toGlobalId(type, rowId);
        expect(other.toGlobalId(type, rowId)).not.toBe(id);
        expect(other.decodeGlobalId(id)).toBeNull();
      }
    }
  });

  it('of consecutive rows share no visible structure (no byte position is constant, none counts)', () => {
    const ids = Array.from({ length: 256 }, (_, i) => Buffer.from(toGlobalId('Claim', String(i + 1)), 'base64url'));
    for (let position = 0; position < 16; position++) {
      // Random bytes: about 162 distinct values of 256 expected; a plain encoding holds "Claim:" constant.
      expect({ position, distinct: new Set(ids.map((bytes) => bytes[position])).size > 120 }).toEqual({ position, distinct: true });
    }
    const texts = ids.map((bytes) => bytes.toString('base64url'));
    expect([...texts].sort()).not.toEqual(texts);
  });

  it('refuses a tampered id: every one-character change is malformed, not another row', () => {
    const id = toGlobalId('Claim', '42');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let position = 0; position < id.length; position++) {
      for (const char of alphabet) {
        if (char === id[position]) continue;
        const tampered = id.slice(0, position) + char + id.slice(position + 1);
        expect(decodeGlobalId(tampered)).toBeNull();
      }
    }
    const tampered = `${id.slice(0, 5)}${id[5] === 'x' ? 'y' : 'x'}${id.slice(6)}`;
    let refusal: unknown = null;
    try {
      parseGlobalId(tampered, 'Claim', 'input.claimId');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.claimId' } });
  });

  it('still decode in the first form, only for rows made before the key', () => {
    expect(decodeGlobalId(legacy('Claim', 1))).toEqual({ type: 'Claim', rowId: '1' });
    expect(decodeGlobalId(legacy('Claim', 100))).toEqual({ type: 'Claim', rowId: '100' });
    expect(decodeGlobalId(legacy('Actor', 7))).toEqual({ type: 'Actor', rowId: '7' });
    // Later rows cannot be counted by trying first-form ids; nor can types without a limit.
    expect(decodeGlobalId(legacy('Claim', 101))).toBeNull();
    expect(decodeGlobalId(legacy('Event', 1))).toBeNull();
    for (const forged of [legacy('Claim', '1 OR 1=1'), legacy('Claim', 0), legacy('Nothing', 1), legacy('Claim', '01')]) {
      expect(decodeGlobalId(forged)).toBeNull();
    }
  });

  it('never decode arbitrary strings into something unexpected', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const decoded = decodeGlobalId(id);
        if (decoded !== null) expect([toGlobalId(decoded.type, decoded.rowId), legacy(decoded.type, decoded.rowId)]).toContain(id);
      }),
    );
  });

  it('refuse ids of another type, naming the field', () => {
    expect(() => parseGlobalId(toGlobalId('Source', '5'), 'Article', 'input.articleId')).toThrow(/Expected an id of a Article/);
    expect(() => parseGlobalId('bm9wZQ', 'Article', 'id')).toThrow(/not a valid id/);
  });

  it('refuse another key once one is installed', () => {
    expect(() => installGlobalIdKey(randomBytes(16))).toThrow(/different global id key/);
    expect(() => installGlobalIdKey(KEY, { Claim: '100', Actor: '7' })).not.toThrow();
  });
});

describe('sealed cursors', () => {
  it('round-trip, the same position giving the same cursor, and show no row id', () => {
    const payload = JSON.stringify(['sort', 'Claim:CREATED_AT:ASC', '1767225600000000', '123456']);
    const cursor = sealCursor(payload);
    expect(sealCursor(payload)).toBe(cursor);
    expect(openCursor(cursor)).toBe(payload);
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('123456');
    expect(sealCursor(JSON.stringify(['123457']))).not.toBe(sealCursor(JSON.stringify(['123456'])));
  });

  it('refuse a changed, a hand-made or another key’s cursor', () => {
    const cursor = sealCursor(JSON.stringify(['42']));
    const flipped = Buffer.from(cursor, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    expect(openCursor(flipped.toString('base64url'))).toBeNull();
    expect(openCursor(Buffer.from(JSON.stringify(['42'])).toString('base64url'))).toBeNull();
    expect(createGlobalIdCodec(randomBytes(16)).openCursor(cursor)).toBeNull();
    expect(openCursor('%%%')).toBeNull();
  });
});
