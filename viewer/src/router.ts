/** Client-side routes: every page is a real URL the server answers with index.html. */

export type Route =
  | { page: 'articles'; params: URLSearchParams }
  | { page: 'article'; id: string }
  | { page: 'claim'; id: string }
  | { page: 'actor'; id: string }
  | { page: 'missing' };

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/') return { page: 'articles', params: new URLSearchParams(search) };
  const match = /^\/(articles|claims|actors)\/([^/]+)$/.exec(pathname);
  if (!match) return { page: 'missing' };
  const id = decodeURIComponent(match[2]);
  return { page: match[1] === 'articles' ? 'article' : match[1] === 'claims' ? 'claim' : 'actor', id };
}

export const articlePath = (id: string): string => `/articles/${encodeURIComponent(id)}`;
export const claimPath = (id: string): string => `/claims/${encodeURIComponent(id)}`;
export const actorPath = (id: string): string => `/actors/${encodeURIComponent(id)}`;

const listeners = new Set<() => void>();

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
}

export function onNavigate(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}
