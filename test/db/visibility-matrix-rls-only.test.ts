import { describeVisibilityMatrix } from '../helpers/visibility-matrix';

// The service-level rule switched off: every claim query forgets its visibility condition, and
// the database's row-level security alone must keep the matrix as it is.
jest.mock('../../src/access/claim-visibility', () => ({
  // What is not a visibility filter (isPublicClaim) stays as it is.
  ...jest.requireActual<object>('../../src/access/claim-visibility'),
  claimVisibilityCondition: () => ({ sql: 'TRUE', params: {} }),
  onlyVisibleClaims: <T>(query: T): T => query,
  canSeeClaim: () => true,
}));

describeVisibilityMatrix('private claims, by every path, with only row-level security to keep them');
