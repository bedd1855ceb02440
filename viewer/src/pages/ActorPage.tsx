import type { JSX } from 'preact';
import { graphql } from '../api';
import { ErrorBox, Link, Loading, StatusBadge, useApi, usePageTitle } from '../components';
import { ACTOR, type ActorDetail, type Connection } from '../queries';
import { actorPath, articlePath, claimPath } from '../router';

type ClaimLine = ActorDetail['claimsMade']['nodes'][number];

/** An actor: its names, its relations (with the claims they rest on), what it says and what is said of it. */
export function ActorPage({ id }: { id: string }): JSX.Element {
  const result = useApi(() => graphql<{ node: ActorDetail | { __typename: string } | null }>(ACTOR, { id }), [id]);
  const actor = result.data?.node?.__typename === 'Actor' ? (result.data.node as ActorDetail) : undefined;
  usePageTitle(actor?.name);
  if (!actor) {
    return (
      <section>
        <ErrorBox error={result.error} />
        <Loading when={result.loading} />
        {result.data && <h1 tabIndex={-1}>No actor with this id</h1>}
      </section>
    );
  }
  return (
    <section class="actor">
      <h1 tabIndex={-1}>{actor.name}</h1>
      <p class="meta">
        {actor.kind.toLowerCase().replace(/_/g, ' ')}
        {actor.description && ` · ${actor.description}`}
      </p>
      {actor.mergedInto && (
        <p class="notice">
          Merged into <Link href={actorPath(actor.mergedInto.id)}>{actor.mergedInto.name}</Link>.
        </p>
      )}
      <h2>Aliases</h2>
      {actor.aliases.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="inline">
          {actor.aliases.map((alias) => (
            <li key={alias.name} lang={alias.language ?? undefined}>
              {alias.name}
              {alias.language && <span class="small"> ({alias.language})</span>}
            </li>
          ))}
        </ul>
      )}
      {actor.externalIds.length > 0 && (
        <p>
          {actor.externalIds.map((external) => (
            <span key={external.system}>
              {external.system}: <code>{external.value}</code>{' '}
            </span>
          ))}
        </p>
      )}
      <h2>Relations</h2>
      {actor.relations.length === 0 && <p>None recorded.</p>}
      <ul class="relations">
        {actor.relations.map((relation, i) => (
          <li key={i}>
            <Link href={actorPath(relation.actor.id)}>{relation.actor.name}</Link>{' '}
            <strong>{relation.type.toLowerCase().replace(/_/g, ' ')}</strong>{' '}
            <Link href={actorPath(relation.target.id)}>{relation.target.name}</Link>
            {(relation.startDate || relation.endDate) && ` (${relation.startDate ?? '…'} – ${relation.endDate ?? '…'})`}
            <ClaimLines claims={relation.evidence} label="evidence" />
          </li>
        ))}
      </ul>
      <ClaimSection title="Claims made" connection={actor.claimsMade} />
      <ClaimSection title="Claims about" connection={actor.claimsAbout} />
      <h2>Events ({actor.events.totalCount})</h2>
      {actor.events.nodes.length === 0 && <p>None recorded.</p>}
      <ul>
        {actor.events.nodes.map((event) => (
          <li key={event.id}>
            {event.date ?? 'undated'}: {event.type.toLowerCase().replace(/_/g, ' ')}
            {event.subType && ` (${event.subType})`}
            {event.place && `, ${event.place.name}`}: {event.description}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ClaimSection({ title, connection }: { title: string; connection: Connection<ClaimLine> }): JSX.Element {
  return (
    <>
      <h2>
        {title} ({connection.totalCount})
      </h2>
      {connection.nodes.length === 0 ? <p>None.</p> : <ClaimLines claims={connection.nodes} />}
      {connection.pageInfo.hasNextPage && <p class="small">The first {connection.nodes.length} are shown.</p>}
    </>
  );
}

function ClaimLines({ claims, label }: { claims: ClaimLine[]; label?: string }): JSX.Element {
  return (
    <ul class="claims" aria-label={label}>
      {claims.map((claim) => (
        <li key={claim.id}>
          <StatusBadge status={claim.status} /> <span class="kind">{claim.kind.toLowerCase()}</span>{' '}
          <Link href={claimPath(claim.id)}>{claim.text}</Link>{' '}
          <span class="small">
            in <Link href={articlePath(claim.article.id)}>{claim.article.title}</Link>
          </span>
        </li>
      ))}
    </ul>
  );
}
