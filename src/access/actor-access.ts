import { forbidden } from '../common/errors';
import type { Context } from '../context';
import { Role } from '../common/role';

/**
 * Rule actor.merge: merging and unmerging actors needs an ADMIN key (the operator's). A merge
 * rewrites rows of every organisation, private ones the caller cannot see included (their
 * claims' claimant and subjects, their relation assertions). Letting an editor merge only when
 * no hidden row is touched would answer "there is a hidden row" whenever it refused, so the
 * rule cannot depend on them: one role, which curates the shared actors for everyone, merges
 * and unmerges. The mutations also carry @Authorized(Role.ADMIN), so the schema says it.
 */
export function requireActorMergeAccess(ctx: Context): void {
  if (ctx.viewer.role !== Role.ADMIN) throw forbidden('Merging and unmerging actors needs an ADMIN key');
}
