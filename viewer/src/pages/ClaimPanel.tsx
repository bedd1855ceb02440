import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, graphql } from '../api';
import { asApiError, ErrorBox, formatDate, Link, Loading, StatusBadge, useApi } from '../components';
import { CLAIM, REVIEW_CLAIM, type ClaimDetail } from '../queries';
import { actorPath, articlePath } from '../router';

/** Everything about one claim: what, who, where from, how it was made and reviewed, as JSON-LD. */
export function ClaimPanel({ id }: { id: string }): JSX.Element {
  const result = useApi(() => graphql<{ node: ClaimDetail | null }>(CLAIM, { id }), [id]);
  const [claim, setClaim] = useState<ClaimDetail | undefined>();
  useEffect(() => setClaim(result.data?.node ?? undefined), [result.data]);
  if (!claim) {
    return (
      <section>
        <ErrorBox error={result.error} />
        <Loading when={result.loading} />
      </section>
    );
  }
  const { extraction } = claim;
  return (
    <section class="claim" aria-labelledby="claim-heading" data-claim-panel={claim.id}>
      <p>
        <Link href={articlePath(claim.article.id)}>← All claims in this article</Link>
      </p>
      <h2 id="claim-heading">Claim</h2>
      <p class="claim-text">{claim.text}</p>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={claim.status} />
          {claim.reviewNote && <span class="note"> “{claim.reviewNote}”</span>}
        </dd>
        <dt>Kind</dt>
        <dd>{claim.kind.toLowerCase()}</dd>
        <dt>Claimant</dt>
        <dd>{claim.claimant ? <Link href={actorPath(claim.claimant.id)}>{claim.claimant.name}</Link> : 'the article itself'}</dd>
        <dt>Subjects</dt>
        <dd>
          {claim.subjects.length === 0
            ? '—'
            : claim.subjects.map((actor, i) => [
                i > 0 && ', ',
                <Link key={actor.id} href={actorPath(actor.id)}>
                  {actor.name}
                </Link>,
              ])}
        </dd>
        <dt>Events</dt>
        <dd>
          {claim.events.length === 0
            ? '—'
            : claim.events.map((event) => (
                <div key={event.id}>
                  {event.type.toLowerCase().replace(/_/g, ' ')}
                  {event.subType && ` (${event.subType})`}, {event.date ?? 'undated'}: {event.description}
                </div>
              ))}
        </dd>
        <dt>Visibility</dt>
        <dd>{claim.visibility.toLowerCase()}</dd>
        <dt>Extraction</dt>
        <dd>
          {extraction.method.toLowerCase()} by {extraction.agent}
          {extraction.version && `, version ${extraction.version}`}
          {extraction.confidence !== null && `, confidence ${extraction.confidence}`}, {formatDate(extraction.createdAt)}
        </dd>
      </dl>
      <h3>Evidence</h3>
      <ol class="evidence-list">
        {claim.evidence.map((evidence) => (
          <li key={`${evidence.start}-${evidence.end}`}>
            <blockquote>
              <span class="context">…{evidence.prefix}</span>
              <mark>{evidence.exact}</mark>
              <span class="context">{evidence.suffix}…</span>
            </blockquote>
            <p class="small">
              sentence {evidence.sentence.index + 1}, code points {evidence.start}–{evidence.end}
            </p>
          </li>
        ))}
      </ol>
      <h3>Review history</h3>
      <ul class="history">
        <li>
          {formatDate(extraction.createdAt)}: recorded (proposed) by {extraction.agent}
        </li>
        {claim.revisions.map((revision) => (
          <li key={revision.createdAt}>
            {formatDate(revision.createdAt)}: text revised{revision.note && ` (“${revision.note}”)`}; it read: “{revision.text}”
          </li>
        ))}
        {claim.status !== 'PROPOSED' && (
          <li>
            last change {formatDate(claim.updatedAt)}: {claim.status.toLowerCase()}
            {claim.retractionReason && ` (“${claim.retractionReason}”)`}
            {claim.reviewNote && ` (“${claim.reviewNote}”)`}
          </li>
        )}
      </ul>
      <Review claim={claim} onReviewed={setClaim} />
      <details>
        <summary>Web Annotation (JSON-LD)</summary>
        <pre class="jsonld" tabIndex={0}>
          {JSON.stringify(claim.annotation, null, 2)}
        </pre>
      </details>
    </section>
  );
}

/** Accept or reject (or reopen) a claim: needs an EDITOR key; the API says why not otherwise. */
function Review({ claim, onReviewed }: { claim: ClaimDetail; onReviewed: (claim: ClaimDetail) => void }): JSX.Element | null {
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  if (claim.status === 'RETRACTED') return null;
  const review = async (status: 'ACCEPTED' | 'REJECTED' | 'PROPOSED'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const { reviewClaim } = await graphql<{ reviewClaim: ClaimDetail }>(REVIEW_CLAIM, {
        id: claim.id,
        status,
        note: note.trim() || undefined,
      });
      onReviewed(reviewClaim);
      setNote('');
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="review" onSubmit={(event) => event.preventDefault()} aria-label="Review this claim">
      <h3>Review</h3>
      <label for="review-note">Note (optional)</label>
      <textarea id="review-note" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      <div class="buttons">
        {claim.status !== 'ACCEPTED' && (
          <button type="button" disabled={busy} onClick={() => void review('ACCEPTED')}>
            Accept
          </button>
        )}
        {claim.status !== 'REJECTED' && (
          <button type="button" disabled={busy} onClick={() => void review('REJECTED')}>
            Reject
          </button>
        )}
        {claim.status !== 'PROPOSED' && (
          <button type="button" disabled={busy} onClick={() => void review('PROPOSED')}>
            Back to proposed
          </button>
        )}
      </div>
      <ErrorBox error={error} />
    </form>
  );
}
