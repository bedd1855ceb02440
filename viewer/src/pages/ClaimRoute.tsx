import type { JSX } from 'preact';
import { graphql } from '../api';
import { ErrorBox, Loading, useApi } from '../components';
import { CLAIM, type ClaimDetail } from '../queries';
import { ArticlePage } from './ArticlePage';

/** /claims/<id>: the claim's article, scrolled to its evidence, with the claim beside it. */
export function ClaimRoute({ id }: { id: string }): JSX.Element {
  const result = useApi(() => graphql<{ node: ClaimDetail | { __typename: string } | null }>(CLAIM, { id }), [id]);
  const node = result.data?.node;
  if (node && node.__typename === 'Claim') return <ArticlePage id={(node as ClaimDetail).article.id} claimId={id} />;
  return (
    <section>
      <ErrorBox error={result.error} />
      <Loading when={result.loading} />
      {result.data && <h1 tabIndex={-1}>No claim with this id (or not one you may see)</h1>}
    </section>
  );
}
