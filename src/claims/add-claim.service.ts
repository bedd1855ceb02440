import type { EntityManager } from 'typeorm';
import { lockReferencedActors } from '../actors/actor-locks';
import { Article } from '../articles/article.entity';
import { Sentence } from '../articles/sentence.entity';
import { recordAudit } from '../audit/audit.service';
import { badInput, notFound } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { Context } from '../context';
import { Event } from '../events/event.entity';
import { Organization } from '../organizations/organization.entity';
import { ExtractionMethod } from '../provenance/extraction';
import { resolveEvidence, ResolvableText, SelectorError, type ResolvedEvidence } from '../provenance/selectors';
import { ClaimEvent, ClaimSubject } from './claim-links.entity';
import { Claim, ReviewStatus, Visibility } from './claim.entity';
import type { AddClaimInput, EvidenceInput } from './claim.inputs';
import { Evidence } from './evidence.entity';
import { requiredText } from '../common/text-input';

/**
 * Records a claim with its evidence spans, resolving each span's other selector. Everything is
 * checked before anything is written, and all of it commits together with its audit row.
 */
export async function addClaim(ctx: Context, input: AddClaimInput): Promise<Claim> {
  const articleId = parseGlobalId(input.articleId, 'Article', 'input.articleId');
  const organizationId = ctx.viewer.organizationId as string;
  const text = requiredText(input.text, 'input.text');
  return ctx.db.transaction(async (manager) => {
    const article = await manager.getRepository(Article).findOneBy({ id: articleId });
    if (article === null) throw notFound('Article', 'input.articleId');
    const evidence = await resolveEvidenceItems(manager, article, input.evidence);
    const claimant =
      input.claimantId != null ? { id: parseGlobalId(input.claimantId, 'Actor', 'input.claimantId'), field: 'input.claimantId' } : null;
    const subjects = (input.subjectIds ?? []).map((id, i) => ({
      id: parseGlobalId(id, 'Actor', `input.subjectIds[${i}]`),
      field: `input.subjectIds[${i}]`,
    }));
    // Shared row locks: a merge running now finishes first, and a merged-away actor is refused.
    await lockReferencedActors(manager, claimant !== null ? [claimant, ...subjects] : subjects);
    const eventIds = await existingEventIds(manager, input.eventIds ?? []);
    const organization = await manager.getRepository(Organization).findOneByOrFail({ id: organizationId });

    const claim = await manager.getRepository(Claim).save(
      manager.getRepository(Claim).create({
        articleId,
        text,
        kind: input.kind,
        claimantId: claimant?.id ?? null,
        status: ReviewStatus.PROPOSED,
        reviewNote: null,
        retractionReason: null,
        visibility: input.visibility ?? Visibility.PUBLIC,
        organizationId,
        extraction: { method: ExtractionMethod.MANUAL, agent: organization.name, version: null, confidence: input.confidence ?? null },
      }),
    );
    await manager.getRepository(Evidence).insert(evidence.map((span) => ({ ...span, claimId: claim.id })));
    const subjectRows = [...new Set(subjects.map((subject) => subject.id))].map((actorId) => ({ claimId: claim.id, actorId }));
    if (subjectRows.length > 0) await manager.getRepository(ClaimSubject).insert(subjectRows);
    if (eventIds.length > 0) await manager.getRepository(ClaimEvent).insert(eventIds.map((eventId) => ({ claimId: claim.id, eventId })));
    // Their `claims` changed, for everyone only when the claim is public (a private claim must not move public rows).
    if (claim.visibility === Visibility.PUBLIC) await touchRows(manager, 'event', eventIds);
    await recordAudit(ctx, manager, 'addClaim', [claim.nodeId, article.nodeId], { evidence: evidence.length });
    return claim;
  });
}

async function resolveEvidenceItems(manager: EntityManager, article: Article, items: EvidenceInput[]): Promise<ResolvedEvidence[]> {
  const sentences = await manager.getRepository(Sentence).find({ where: { articleId: article.id }, order: { index: 'ASC' } });
  const text = new ResolvableText(article.body, sentences);
  const resolved = items.map((item, i) => {
    const field = `input.evidence[${i}]`;
    const sentenceId = item.sentenceId != null ? parseGlobalId(item.sentenceId, 'Sentence', `${field}.sentenceId`) : undefined;
    try {
      return resolveEvidence(text, {
        sentenceId,
        start: item.start ?? undefined,
        end: item.end ?? undefined,
        exact: item.exact ?? undefined,
        prefix: item.prefix ?? undefined,
        suffix: item.suffix ?? undefined,
      });
    } catch (error) {
      if (error instanceof SelectorError) throw badInput(field, `Evidence ${i + 1}: ${error.message}`);
      throw error;
    }
  });
  // The same span given twice is one piece of evidence.
  return resolved.filter((span, i) => resolved.findIndex((other) => other.start === span.start && other.end === span.end) === i);
}

async function existingEventIds(manager: EntityManager, ids: string[]): Promise<string[]> {
  const rowIds = [...new Set(ids.map((id, i) => parseGlobalId(id, 'Event', `input.eventIds[${i}]`)))];
  if (rowIds.length === 0) return [];
  const found = new Set(
    (
      await manager
        .getRepository(Event)
        .createQueryBuilder('event')
        .select('event.id', 'id')
        .whereInIds(rowIds)
        .getRawMany<{ id: string }>()
    ).map((row) => String(row.id)),
  );
  const missing = ids.findIndex((id) => !found.has(parseGlobalId(id, 'Event', 'input.eventIds')));
  if (missing !== -1) throw notFound('Event', `input.eventIds[${missing}]`);
  return rowIds;
}
