import type { TestApp } from './test-app';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface ConnectionPage {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: Array<{ id: string }>;
}

/** A top-level connection query with every paging argument, filter and orderBy as variables. */
export function connectionQuery(field: string, filterType: string, orderType: string | null): string {
  const order = orderType !== null ? `, $orderBy: ${orderType}` : '';
  const orderArg = orderType !== null ? ', orderBy: $orderBy' : '';
  return `query($first: Int, $after: String, $last: Int, $before: String, $filter: ${filterType}${order}) {
    ${field}(first: $first, after: $after, last: $last, before: $before, filter: $filter${orderArg}) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id }
    }
  }`;
}

/**
 * Every id of a connection, paging forward (`first: size`) or backward (`last: size`), and the
 * totalCount each page reported. Throws on any GraphQL error.
 */
export async function pageThrough(
  app: TestApp,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  size: number,
  direction: 'forward' | 'backward',
  key?: string | null,
): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const paging: Record<string, unknown> = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const response = await app.gql<Record<string, ConnectionPage>>(query, { ...variables, ...paging }, { key });
    if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
    const page = response.data![field];
    totals.push(page.totalCount);
    if (direction === 'forward') {
      ids.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) return { ids, totals };
      cursor = page.pageInfo.endCursor;
    } else {
      ids.unshift(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasPreviousPage) return { ids, totals };
      cursor = page.pageInfo.startCursor;
    }
  }
  throw new Error('paging did not end');
}

export { globalIdOf as globalId } from './global-ids';
