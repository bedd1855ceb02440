// The GraphiQL explorer served at GET /graphql (a browser). React only here; the viewer is Preact.
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { apiKey, setApiKey } from '../api';
import { DEMO_ARTICLE_URL, EXAMPLES, variablesText } from './examples';
import './explorer.css';

interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/** POSTs to this server's /graphql; the API key field gives the Authorization header unless the headers editor does. */
async function fetcher(params: FetcherParams, options?: { headers?: Record<string, unknown> }): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return response.json();
}

async function demoArticleId(): Promise<string | undefined> {
  try {
    const answer = (await fetcher({
      query: 'query ExplorerDemoArticle($url: String!) { article(url: $url) { id } }',
      variables: { url: DEMO_ARTICLE_URL },
    })) as {
      data?: { article: { id: string } | null };
    };
    return answer.data?.article?.id;
  } catch {
    return undefined;
  }
}

function KeyBar() {
  const [draft, setDraft] = useState(apiKey());
  const [inUse, setInUse] = useState(apiKey() !== '');
  return h(
    'form',
    {
      className: 'explorer-bar',
      onSubmit: (event: { preventDefault(): void }) => {
        event.preventDefault();
        setApiKey(draft);
        setInUse(draft.trim() !== '');
      },
    },
    h('strong', null, 'Verbatim GraphQL explorer'),
    h('a', { href: '/' }, 'Provenance viewer'),
    h('label', { htmlFor: 'explorer-key' }, 'API key'),
    h('input', {
      id: 'explorer-key',
      type: 'password',
      autoComplete: 'off',
      value: draft,
      placeholder: 'none: public data only',
      onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    }),
    h('button', { type: 'submit' }, draft.trim() === '' && inUse ? 'Forget key' : 'Use key'),
    h(
      'span',
      { className: 'explorer-key-state', 'aria-live': 'polite' },
      inUse ? 'sent as Authorization: Bearer … (this tab only)' : 'anonymous',
    ),
  );
}

async function start(): Promise<void> {
  const articleId = await demoArticleId();
  const defaultTabs = EXAMPLES.map((example) => ({ query: example.query, variables: variablesText(example, articleId) }));
  createRoot(document.getElementById('explorer') as HTMLElement).render(
    h(
      'div',
      { className: 'explorer' },
      h(KeyBar),
      h('div', { className: 'explorer-graphiql' }, h(GraphiQL, { fetcher, defaultTabs, shouldPersistHeaders: false })),
    ),
  );
}

void start();
