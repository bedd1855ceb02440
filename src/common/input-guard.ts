import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { refusedVariableName } from './error-format';
import { badInput } from './errors';
import { unstorableTextReason } from './text-input';

/** Levels of objects and lists a variable may nest: far beyond any input of the schema (a few levels). */
export const MAX_VARIABLE_NESTING = 32;

/**
 * Refuses, before anything runs, any string argument PostgreSQL could not store faithfully:
 * NUL characters (refused by PostgreSQL) and unpaired surrogates (silently replaced on the
 * way to UTF-8), and variables nested deeper than any input could be. One check for every
 * input, present and future. Fields are named by their argument path (`input.text`), not by
 * the client's variable names.
 */
export const inputGuardPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      // graphql-js refuses bad variable values (a wrong scalar, an unknown enum value) before our
      // resolvers, naming the client's variable (`i.text`): name the argument path (`input.text`).
      async willSendResponse({ response, document }) {
        if (response.body.kind !== 'single' || document === undefined) return;
        const { singleResult } = response.body;
        if (singleResult.errors === undefined) return;
        singleResult.errors = singleResult.errors.map((error) => withArgumentPath(error, document));
      },
      async didResolveOperation({ request, document }) {
        const problem = findInVariables(request.variables ?? {}, variablePaths(document)) ?? problemInDocument(document);
        if (problem !== null) {
          const error = badInput(problem.field, `${problem.field} ${problem.reason}`);
          error.extensions.http = { status: 400 };
          throw error;
        }
      },
    };
  },
};

function withArgumentPath(error: GraphQLFormattedError, document: DocumentNode): GraphQLFormattedError {
  const field = error.extensions?.field;
  const variable = refusedVariableName(error.message);
  if (typeof field !== 'string' || variable === null) return error;
  const argument = variablePaths(document).get(variable);
  const rest = field.slice(variable.length);
  if (argument === undefined || !field.startsWith(variable) || !(rest === '' || rest.startsWith('.') || rest.startsWith('['))) return error;
  return { ...error, extensions: { ...error.extensions, field: `${argument}${rest}` } };
}

interface Problem {
  field: string;
  reason: string;
}

/** An iterative walk (a recursive one overflows the stack on variables nested thousands deep). */
function findInVariables(variables: Record<string, unknown>, paths: ReadonlyMap<string, string>): Problem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = Object.entries(variables).map(([name, value]) => ({
    value,
    path: paths.get(name) ?? name,
    depth: 0,
  }));
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableTextReason(value);
      if (reason !== null) return { field: path, reason };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_VARIABLE_NESTING) return { field: path, reason: `nests deeper than ${MAX_VARIABLE_NESTING} levels` };
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: `${path}[${index}]`, depth: depth + 1 });
    } else {
      for (const [key, item] of Object.entries(value).reverse()) stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
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

/** Where each variable is first used: `$i` in `addClaim(input: $i)` is "input", in `{ text: $t }` "input.text". */
const variablePathsOf = new WeakMap<DocumentNode, Map<string, string>>();

function variablePaths(document: DocumentNode): Map<string, string> {
  const known = variablePathsOf.get(document);
  if (known !== undefined) return known;
  const paths = new Map<string, string>();
  variablePathsOf.set(document, paths);
  visit(document, {
    Variable(node, _key, parent, _path, ancestors) {
      if (paths.has(node.name.value)) return;
      const names: string[] = [];
      for (const ancestor of [...ancestors, parent]) {
        if (ancestor === undefined) continue;
        if (Array.isArray(ancestor)) continue;
        const astNode = ancestor as ASTNode;
        if (astNode.kind === Kind.VARIABLE_DEFINITION) return;
        if (astNode.kind === Kind.ARGUMENT) names.length = 0; // the innermost argument names the path
        if (astNode.kind === Kind.ARGUMENT || astNode.kind === Kind.OBJECT_FIELD) names.push(astNode.name.value);
      }
      if (names.length > 0) paths.set(node.name.value, names.join('.'));
    },
  });
  return paths;
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
