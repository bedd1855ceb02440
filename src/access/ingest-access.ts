import { Role, roleAtLeast } from '../common/role';
import type { Viewer } from '../common/viewer';

/**
 * Rule article.ingest: storing articles needs a key of this role or above, through the
 * ingestArticle mutation (`@Authorized`), `POST /ingest` and the bulk ingest's set-wise path alike.
 */
export const INGEST_ROLE = Role.EDITOR;

export function mayIngest(viewer: Viewer): boolean {
  return viewer.role !== null && roleAtLeast(viewer.role, INGEST_ROLE);
}
