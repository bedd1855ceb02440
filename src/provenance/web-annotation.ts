import type { Article } from '../articles/article.entity';
import type { Claim } from '../claims/claim.entity';
import type { Evidence } from '../claims/evidence.entity';

/** JSON-LD contexts: the W3C Web Annotation vocabulary plus PROV-O and Verbatim's own terms. */
const CONTEXT = [
  'http://www.w3.org/ns/anno.jsonld',
  { prov: 'http://www.w3.org/ns/prov#', verbatim: 'urn:verbatim:vocab#', xsd: 'http://www.w3.org/2001/XMLSchema#' },
];

export function urnOf(kind: 'claim' | 'article' | 'organization', globalId: string): string {
  return `urn:verbatim:${kind}:${globalId}`;
}

/**
 * A claim as a W3C Web Annotation: the body is the claim (text and kind), each target is an
 * evidence span of the article with both a TextPositionSelector (code points, as the W3C model
 * counts characters) and a TextQuoteSelector; PROV-O terms say who made it, how and when.
 */
export function claimAnnotation(claim: Claim, article: Article, evidence: readonly Evidence[]): Record<string, unknown> {
  const source = article.url ?? urnOf('article', article.nodeId);
  const { extraction } = claim;
  const agent = { type: 'prov:Agent', name: extraction.agent };
  return {
    '@context': CONTEXT,
    id: urnOf('claim', claim.nodeId),
    type: 'Annotation',
    motivation: 'describing',
    created: extraction.createdAt.toISOString(),
    modified: claim.updatedAt.toISOString(),
    creator: agent,
    body: {
      type: 'TextualBody',
      value: claim.text,
      format: 'text/plain',
      purpose: 'describing',
      'verbatim:kind': claim.kind,
      'verbatim:status': claim.status,
      ...(claim.retractionReason !== null ? { 'verbatim:retractionReason': claim.retractionReason } : {}),
    },
    target: evidence.map((span) => ({
      type: 'SpecificResource',
      source,
      selector: [
        { type: 'TextPositionSelector', start: span.start, end: span.end },
        { type: 'TextQuoteSelector', exact: span.exact, prefix: span.prefix, suffix: span.suffix },
      ],
    })),
    'prov:wasAttributedTo': agent,
    'prov:wasGeneratedBy': {
      type: 'prov:Activity',
      'verbatim:method': extraction.method,
      'prov:wasAssociatedWith': agent,
      ...(extraction.version !== null ? { 'verbatim:version': extraction.version } : {}),
      ...(extraction.confidence !== null ? { 'verbatim:confidence': extraction.confidence } : {}),
    },
    'prov:generatedAtTime': { '@value': extraction.createdAt.toISOString(), '@type': 'xsd:dateTime' },
    'prov:wasDerivedFrom': { id: source, 'verbatim:contentHash': article.contentHash, 'verbatim:articleId': article.nodeId },
  };
}
