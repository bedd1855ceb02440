import type { Role } from './role';

/** Who is asking: an API key's organisation and role, or an anonymous reader. */
export interface Viewer {
  organizationId: string | null;
  role: Role | null;
  /** The visible prefix of the key, for the audit log. */
  keyPrefix: string | null;
}

export const ANONYMOUS: Viewer = Object.freeze({ organizationId: null, role: null, keyPrefix: null });
