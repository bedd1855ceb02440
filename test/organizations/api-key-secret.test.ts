import { API_KEY_PREFIX_LENGTH, generateApiKeySecret } from '../../src/organizations/api-key-secret';

describe('generateApiKeySecret', () => {
  it('makes vbt_ keys of 32 random bytes, with the first 12 characters as the prefix', () => {
    const { key, prefix } = generateApiKeySecret();
    expect(key).toMatch(/^vbt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(0, API_KEY_PREFIX_LENGTH));
  });

  it('never repeats a key or, in practice, a prefix', () => {
    const secrets = Array.from({ length: 2000 }, generateApiKeySecret);
    expect(new Set(secrets.map((s) => s.key)).size).toBe(secrets.length);
    expect(new Set(secrets.map((s) => s.prefix)).size).toBe(secrets.length);
  });
});
