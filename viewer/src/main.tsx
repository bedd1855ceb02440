import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, setApiKey } from './api';
import { Link } from './components';
import { ActorPage } from './pages/ActorPage';
import { ArticleList } from './pages/ArticleList';
import { ArticlePage } from './pages/ArticlePage';
import { ClaimRoute } from './pages/ClaimRoute';
import { onNavigate, parseRoute, type Route } from './router';
import './styles.css';

function currentRoute(): Route {
  return parseRoute(location.pathname, location.search);
}

function App(): JSX.Element {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => onNavigate(() => setRoute(currentRoute())), []);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Verbatim
        </Link>
        <nav aria-label="Site">
          <Link href="/">Articles</Link>
          <a href="/graphql">GraphQL explorer</a>
        </nav>
        <KeyField />
      </header>
      <main id="main">{page(route)}</main>
    </>
  );
}

function page(route: Route): JSX.Element {
  switch (route.page) {
    case 'articles':
      return <ArticleList params={route.params} />;
    case 'article':
      return <ArticlePage id={route.id} />;
    case 'claim':
      return <ClaimRoute id={route.id} />;
    case 'actor':
      return <ActorPage id={route.id} />;
    case 'missing':
      return (
        <section>
          <h1 tabIndex={-1}>Not found</h1>
          <p>
            This viewer has pages for <code>/</code>, <code>/articles/&lt;id&gt;</code>, <code>/claims/&lt;id&gt;</code> and{' '}
            <code>/actors/&lt;id&gt;</code>.
          </p>
        </section>
      );
  }
}

/** The key for this browser tab only (sessionStorage): a partner's private claims, a curator's reviews. */
function KeyField(): JSX.Element {
  const [draft, setDraft] = useState(apiKey);
  const [saved, setSaved] = useState(apiKey() !== '');
  const submit = (event: Event): void => {
    event.preventDefault();
    setApiKey(draft);
    setSaved(draft.trim() !== '');
  };
  return (
    <form class="key" onSubmit={submit}>
      <label for="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={draft}
        onInput={(event) => setDraft(event.currentTarget.value)}
        placeholder="none: public data only"
      />
      <button type="submit">{draft.trim() === '' && saved ? 'Forget key' : 'Use key'}</button>
      <span class="key-state" aria-live="polite">
        {saved ? 'key in use (this tab only)' : 'anonymous'}
      </span>
    </form>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
