import { randomBytes } from 'node:crypto';

/** Marks Verbatim keys, so secret scanners and people can tell them from other tokens. */
export const API_KEY_MARKER = 'vbt_';
/** Visible part of a key: the marker and 8 random characters (48 bits), enough to tell keys apart. */
export const API_KEY_PREFIX_LENGTH = 12;

export interface ApiKeySecret {
  /** The whole key, shown to its owner once. */
  key: string;
  prefix: string;
}

/** A new key: 32 random bytes (256 bits), base64url, after the marker. */
export function generateApiKeySecret(): ApiKeySecret {
  const key = `${API_KEY_MARKER}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH) };
}
