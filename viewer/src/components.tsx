import type { AnchorHTMLAttributes, ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, onApiKeyChange } from './api';
import { navigate } from './router';

/** An in-app link: a real href (open in a new tab, copy), followed without a page load. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; [data: `data-${string}`]: unknown }): JSX.Element {
  const follow = (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    navigate(props.href);
  };
  return <a {...props} onClick={follow} />;
}

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change and when the API key changes (the key decides what one may see). */
export function useApi<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => onApiKeyChange(() => setGeneration((n) => n + 1)), []);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: asApiError(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  return { ...state, reload: () => setGeneration((n) => n + 1) };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError([{ message: error instanceof Error ? error.message : String(error) }]);
}

/** The API's own words, with its error code. */
export function ErrorBox({ error }: { error: ApiError | undefined }): JSX.Element | null {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      {error.errors.map((item, i) => (
        <p key={i}>
          {item.extensions?.code && <code>{item.extensions.code}</code>} {item.message}
          {item.extensions?.field && <span> (field: {item.extensions.field})</span>}
        </p>
      ))}
    </div>
  );
}

export function Loading({ when, children }: { when: boolean; children?: ComponentChildren }): JSX.Element | null {
  return when ? (
    <p class="loading" aria-live="polite">
      {children ?? 'Loading…'}
    </p>
  ) : null;
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  return iso.length <= 10 ? iso : new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function StatusBadge({ status }: { status: string }): JSX.Element {
  return <span class={`badge status-${status.toLowerCase()}`}>{status}</span>;
}

/** Sets the page title and moves focus to the page's heading, so a screen reader hears the new page. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title === undefined) return;
    document.title = `${title} – Verbatim`;
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [title]);
}
