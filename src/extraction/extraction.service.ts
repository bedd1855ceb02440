import type { EntityManager } from 'typeorm';
import { Sentence } from '../articles/sentence.entity';
import { recordAudit } from '../audit/audit.service';
import { ClaimSubject } from '../claims/claim-links.entity';
import { Claim, ClaimKind, ReviewStatus, Visibility } from '../claims/claim.entity';
import { Evidence } from '../claims/evidence.entity';
import { notFound } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { DatePrecision } from '../events/event.entity';
import { Mention } from '../mentions/mention.entity';
import { ExtractionMethod } from '../provenance/extraction';
import { resolveEvidence, ResolvableText } from '../provenance/selectors';
import { DeletionKind } from '../sync/deletion.entity';
import { recordDeletions } from '../sync/deletion.service';
import { EXTRACTOR_AGENT, EXTRACTOR_VERSION, extractArticle as proposeForArticle, type ProposedClaim } from './extract-article';
import { Gazetteer, type GazetteerActor } from './gazetteer';
import { Article } from '../articles/article.entity';

export interface ExtractionSummary {
  mentions: number;
  claims: number;
  /** Earlier unreviewed proposals that the re-run no longer makes, deleted. */
  withdrawn: number;
  /** Proposals kept as they were (a re-run changes nothing it already proposed). */
  kept: number;
}

/**
 * The last gazetteer built, with the fingerprint of the actor tables it was built from. Building
 * the automaton costs more than an article's extraction, so it is rebuilt only when actors or
 * aliases changed (or another database is asked); derived data, never request state.
 */
let cached: { fingerprint: string; gazetteer: Gazetteer } | undefined;

/** Every unmerged actor with its aliases: what mentions are matched against. */
export async function loadGazetteer(manager: EntityManager): Promise<Gazetteer> {
  const [{ fingerprint }] = await manager.query<Array<{ fingerprint: string }>>(
    `SELECT concat_ws(':', current_database(), (SELECT count(*) FROM actor), (SELECT max(updated_at) FROM actor),
                      (SELECT count(*) FROM actor_alias), (SELECT max(id) FROM actor_alias)) AS fingerprint`,
  );
  if (cached?.fingerprint === fingerprint) return cached.gazetteer;
  const rows = await manager.query<Array<{ id: string; name: string; kind: string; aliases: string[] }>>(
    `SELECT actor.id::text AS id, actor.name, actor.kind::text AS kind,
            coalesce(array_agg(alias.name) FILTER (WHERE alias.name IS NOT NULL), '{}') AS aliases
       FROM actor LEFT JOIN actor_alias alias ON alias.actor_id = actor.id
      WHERE actor.merged_into_id IS NULL
      GROUP BY actor.id`,
  );
  cached = { fingerprint, gazetteer: new Gazetteer(rows satisfies GazetteerActor[]) };
  return cached.gazetteer;
}

/** extractArticle(id): re-runs extraction on a stored article in one transaction. */
export async function extractStoredArticle(ctx: Context, id: string, visibility: Visibility = Visibility.PUBLIC): Promise<Article> {
  const rowId = parseGlobalId(id, 'Article', 'id');
  return ctx.db.transaction(async (manager) => {
    const article = await manager.getRepository(Article).findOneBy({ id: rowId });
    if (article === null) throw notFound('Article');
    // One extraction of an article at a time: two concurrent re-runs must not both insert.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`extract:${article.id}`]);
    await runExtraction(ctx, manager, article, { visibility, gazetteer: await loadGazetteer(manager) });
    return article;
  });
}

/**
 * Proposes mentions and claims for one article inside the caller's transaction. Idempotent:
 * proposals already stored are kept as they are, earlier RULE/MODEL proposals of the viewer's
 * organisation that nobody reviewed, revised or linked and that the rules no longer make are
 * deleted, and MANUAL, reviewed or linked claims are never touched nor duplicated.
 */
export async function runExtraction(
  ctx: Context,
  manager: EntityManager,
  article: Article,
  options: { visibility: Visibility; gazetteer: Gazetteer },
): Promise<ExtractionSummary> {
  const sentences = await manager.getRepository(Sentence).find({ where: { articleId: article.id }, order: { index: 'ASC' } });
  const proposals = proposeForArticle({ sentences, publishedAt: article.publishedAt }, options.gazetteer);
  const mentions = await replaceMentions(manager, sentences, proposals.mentions);
  const claims = await replaceClaims(ctx, manager, article, sentences, proposals.claims, options);
  await recordAudit(ctx, manager, 'extractArticle', [article.nodeId], { mentions, ...claims });
  return { mentions, ...claims };
}

const MACHINE = `extraction_method IN ('RULE', 'MODEL')`;

async function replaceMentions(
  manager: EntityManager,
  sentences: Sentence[],
  proposed: Array<{ sentenceIndex: number; start: number; end: number; text: string; actorId: string | null; confidence: number }>,
): Promise<number> {
  const sentenceIds = sentences.map((sentence) => sentence.id);
  if (sentenceIds.length === 0) return 0;
  const key = (m: { sentenceId: string; start: number; end: number; actorId: string | null }) =>
    `${m.sentenceId}:${m.start}:${m.end}:${m.actorId ?? ''}`;
  const wanted = new Map(proposed.map((m) => [key({ ...m, sentenceId: sentences[m.sentenceIndex].id }), m]));
  const existing = await manager.query<Array<{ id: string; sentence_id: string; start: number; end: number; actor_id: string | null }>>(
    `SELECT id::text, sentence_id::text, start, "end", actor_id::text FROM mention WHERE sentence_id = ANY($1::bigint[]) AND ${MACHINE}`,
    [sentenceIds],
  );
  const stale = existing.filter(
    (row) => !wanted.delete(key({ sentenceId: row.sentence_id, start: row.start, end: row.end, actorId: row.actor_id })),
  );
  if (stale.length > 0) await manager.query(`DELETE FROM mention WHERE id = ANY($1::bigint[])`, [stale.map((row) => row.id)]);
  const rows = [...wanted.values()].map((m) => ({
    sentenceId: sentences[m.sentenceIndex].id,
    actorId: m.actorId,
    start: m.start,
    end: m.end,
    text: m.text,
    extraction: { method: ExtractionMethod.RULE, agent: EXTRACTOR_AGENT, version: EXTRACTOR_VERSION, confidence: m.confidence },
  }));
  if (rows.length > 0) await manager.getRepository(Mention).insert(rows);
  return proposed.length;
}

async function replaceClaims(
  ctx: Context,
  manager: EntityManager,
  article: Article,
  sentences: Sentence[],
  proposed: ProposedClaim[],
  { visibility, gazetteer }: { visibility: Visibility; gazetteer: Gazetteer },
): Promise<{ claims: number; withdrawn: number; kept: number }> {
  const organizationId = ctx.viewer.organizationId as string;
  const existing = await manager.query<
    Array<{
      id: string;
      start: number;
      end: number;
      claimant_id: string | null;
      kind: string;
      replaceable: boolean;
      visibility: Visibility;
      organization_id: string;
    }>
  >(
    `SELECT claim.id::text, evidence.start, evidence."end", claim.claimant_id::text, claim.kind::text, claim.visibility, claim.organization_id::text,
            (claim.${MACHINE} AND claim.status = 'PROPOSED' AND claim.review_note IS NULL AND claim.organization_id = $2
             AND NOT EXISTS (SELECT 1 FROM claim_revision r WHERE r.claim_id = claim.id)
             AND NOT EXISTS (SELECT 1 FROM claim_event e WHERE e.claim_id = claim.id)
             AND NOT EXISTS (SELECT 1 FROM actor_relation_evidence x WHERE x.claim_id = claim.id)) AS replaceable
       FROM claim JOIN evidence ON evidence.claim_id = claim.id
      WHERE claim.article_id = $1`,
    [article.id, organizationId],
  );
  const key = (c: { start: number; end: number; claimantId: string | null; kind: string }) =>
    `${c.start}:${c.end}:${c.claimantId ?? ''}:${c.kind}`;
  const wanted = new Map(proposed.map((claim) => [key(claim), claim]));
  let kept = 0;
  const stale: typeof existing = [];
  for (const row of existing) {
    const present = wanted.delete(key({ start: row.start, end: row.end, claimantId: row.claimant_id, kind: row.kind }));
    if (present) kept += 1;
    else if (row.replaceable) stale.push(row);
  }
  if (stale.length > 0) {
    await manager.query(`DELETE FROM claim WHERE id = ANY($1::bigint[])`, [stale.map((row) => row.id)]);
    await recordDeletions(
      manager,
      stale.map((row) => ({
        kind: DeletionKind.DELETED,
        nodeId: toGlobalId('Claim', String(row.id)),
        reason: 'An unreviewed extraction proposal that a re-run no longer makes',
        claim: { visibility: row.visibility, organizationId: row.organization_id },
      })),
    );
  }
  const text = new ResolvableText(article.body, sentences);
  for (const proposal of wanted.values()) {
    // The same selector checks as a manual claim's evidence: a proposal that fails them is a bug, not data.
    const evidence = resolveEvidence(text, { sentenceId: sentences[proposal.sentenceIndex].id, start: proposal.start, end: proposal.end });
    const claimant = proposal.claimantId === null ? null : (gazetteer.actors.get(proposal.claimantId)?.name ?? null);
    const claim = await manager.getRepository(Claim).save(
      manager.getRepository(Claim).create({
        articleId: article.id,
        text: `${claimant ?? proposal.speakerText}: ${evidence.exact}`.slice(0, 10_000),
        kind: proposal.kind as ClaimKind,
        claimantId: proposal.claimantId,
        status: ReviewStatus.PROPOSED,
        reviewNote: null,
        retractionReason: null,
        visibility,
        organizationId,
        statedOn: proposal.statedOn,
        statedOnPrecision: proposal.statedOnPrecision === null ? null : (proposal.statedOnPrecision as DatePrecision),
        extraction: { method: ExtractionMethod.RULE, agent: EXTRACTOR_AGENT, version: EXTRACTOR_VERSION, confidence: proposal.confidence },
      }),
    );
    await manager.getRepository(Evidence).insert({ ...evidence, claimId: claim.id });
    if (proposal.subjectIds.length > 0) {
      await manager.getRepository(ClaimSubject).insert(proposal.subjectIds.map((actorId) => ({ claimId: claim.id, actorId })));
    }
  }
  return { claims: proposed.length, withdrawn: stale.length, kept };
}
