import type { Viewer } from '../common/viewer';
import { Role } from '../common/role';

/**
 * Rule organization.see: admins see every organisation, a key its own, nobody else any (the
 * list of partners is theirs to disclose). Hidden and missing answer alike.
 */
export function canSeeOrganization(viewer: Viewer, organizationRowId: string): boolean {
  return viewer.role === Role.ADMIN || viewer.organizationId === organizationRowId;
}
