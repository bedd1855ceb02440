import fc from 'fast-check';

/**
 * Property tests run from a fixed seed, so a run that passes here passes in CI too; explore new
 * inputs with `FC_SEED=random npm test` (or a number), and turn any counterexample into a fix.
 */
const requested = process.env.FC_SEED;
if (requested !== 'random') fc.configureGlobal({ seed: requested !== undefined ? Number(requested) : 20261122 });
