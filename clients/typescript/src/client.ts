import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** An error in the server's vocabulary (extensions.code), from a GraphQL answer or an HTTP refusal. */
export class VerbatimError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field: string | undefined,
    readonly retryable: boolean,
    readonly retryAfterSeconds: number | undefined,
    readonly status: number | undefined,
  ) {
    super(`${code}: ${message}${field !== undefined ? ` (${field})` : ''}`);
    this.name = 'VerbatimError';
  }
}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string; retryable?: boolean; retryAfter?: number };
}

export interface VerbatimClientOptions {
  /** The server, e.g. "http://localhost:4000" (or its /graphql endpoint). */
  url: string;
  key?: string;
  /** Retries of retryable failures (RATE_LIMITED, a database briefly away); default 4. */
  maxRetries?: number;
  fetch?: typeof fetch;
}

/** The page shape every Verbatim connection has. */
export interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** A small fetch wrapper: typed operations, errors as VerbatimError, retries honouring Retry-After. */
export class VerbatimClient {
  private readonly endpoint: string;
  private readonly maxRetries: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: VerbatimClientOptions) {
    const base = options.url.replace(/\/+$/, '').replace(/\/graphql$/, '');
    this.endpoint = `${base}/graphql`;
    this.maxRetries = options.maxRetries ?? 4;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.once(document, variables);
      } catch (error) {
        if (!(error instanceof VerbatimError) || !error.retryable || attempt >= this.maxRetries) throw error;
        const waitMs = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 250 * 2 ** attempt * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** Every node of a connection, page after page: `pick` finds the connection in the answer. */
  async *paginate<TData, TVariables extends { first: number; after?: string | null }, TNode>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    pick: (data: TData) => Page<TNode>,
  ): AsyncGenerator<TNode> {
    let after: string | null | undefined = variables.after;
    for (;;) {
      const page = pick(await this.request(document, { ...variables, after }));
      yield* page.nodes;
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }

  private async once<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.key !== undefined ? { authorization: `Bearer ${this.options.key}` } : {}),
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
    } catch (error) {
      throw new VerbatimError(
        `cannot reach ${this.endpoint}: ${String(error)}`,
        'INTERNAL_SERVER_ERROR',
        undefined,
        true,
        undefined,
        undefined,
      );
    }
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    const body = (await response.json().catch(() => ({}))) as { data?: TData; errors?: GraphQLErrorShape[] };
    const first = body.errors?.[0];
    if (first !== undefined || body.data == null) {
      const extensions = first?.extensions ?? {};
      const code = extensions.code ?? 'INTERNAL_SERVER_ERROR';
      throw new VerbatimError(
        first?.message ?? `HTTP ${response.status}`,
        code,
        extensions.field,
        extensions.retryable === true || code === 'RATE_LIMITED' || [502, 503, 504].includes(response.status),
        Number.isFinite(retryAfter) ? retryAfter : extensions.retryAfter,
        response.status,
      );
    }
    return body.data;
  }
}
