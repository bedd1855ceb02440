import { Kind, visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unstorableTextReason } from '../provenance/text';
import { badInput } from './errors';

/**
 * Refuses, before anything runs, any string argument PostgreSQL could not store faithfully:
 * NUL characters (refused by PostgreSQL) and unpaired surrogates (silently replaced on the
 * way to UTF-8). One check for every input, present and future.
 */
export const inputGuardPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const problem = findInVariables(request.variables ?? {}, '') ?? problemInDocument(document);
        if (problem !== null) {
          const error = badInput(problem.field, `${problem.field} ${problem.reason}`);
          error.extensions.http = { status: 400 };
          throw error;
        }
      },
    };
  },
};

interface Problem {
  field: string;
  reason: string;
}

function findInVariables(value: unknown, path: string): Problem | null {
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    return reason === null ? null : { field: path, reason };
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInVariables(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findInVariables(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Apollo keeps one parsed document per query text: each is visited once, not on every request. */
const documentProblems = new WeakMap<DocumentNode, Problem | null>();

function problemInDocument(document: DocumentNode): Problem | null {
  if (!documentProblems.has(document)) documentProblems.set(document, findInDocument(document));
  return documentProblems.get(document) ?? null;
}

function findInDocument(document: DocumentNode): Problem | null {
  let problem: Problem | null = null;
  visit(document, {
    [Kind.STRING](node) {
      const reason = unstorableTextReason(node.value);
      if (problem === null && reason !== null) problem = { field: 'query', reason: `has a string that ${reason}` };
    },
  });
  return problem;
}
