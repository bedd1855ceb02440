/** The API's own GraphQL endpoint, with the API key the user typed (kept for this browser session). */

const KEY_STORAGE = 'verbatim.apiKey';

export interface GraphQLErrorInfo {
  message: string;
  extensions?: { code?: string; field?: string };
}

/** A GraphQL or HTTP failure, worded as the API worded it. */
export class ApiError extends Error {
  constructor(readonly errors: GraphQLErrorInfo[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

export function apiKey(): string {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key.trim() === '') sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key.trim());
  keyListeners.forEach((listener) => listener());
}

const keyListeners = new Set<() => void>();
export function onApiKeyChange(listener: () => void): () => void {
  keyListeners.add(listener);
  return () => keyListeners.delete(listener);
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = apiKey();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError([{ message: 'The server could not be reached.' }]);
  }
  let body: { data?: T | null; errors?: GraphQLErrorInfo[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError([{ message: `The server answered HTTP ${response.status} without a GraphQL response.` }]);
  }
  if (body.errors && body.errors.length > 0) throw new ApiError(body.errors);
  if (body.data === undefined || body.data === null)
    throw new ApiError([{ message: `The server answered HTTP ${response.status} without data.` }]);
  return body.data;
}
