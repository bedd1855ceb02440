import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { LRUCache } from 'lru-cache';
import { badInput } from './errors';

/**
 * Braces and brackets a GraphQL document may nest (selections, inline fragments, list and
 * object values together). Far above any real query (the field depth limit is 12), far below
 * what would exhaust the parser's stack.
 */
export const MAX_DOCUMENT_NESTING = 100;

/**
 * Refuses, before graphql-js parses it, a document nested deeper than MAX_DOCUMENT_NESTING: the
 * parser and validator recurse once per level, and a few thousand levels exhaust the stack.
 * One pass of the lexer, linear in the document; a document it cannot lex is left to the parser
 * to refuse with its own message.
 */
export function documentNestingGuard(maxTokens: number): (req: object, res: unknown, next: (error?: unknown) => void) => void {
  // Lexed once per query text: repeated queries (a dashboard's, a notebook's loop) skip the pass.
  const nestingOf = new LRUCache<string, number>({
    maxSize: CACHED_QUERY_CHARACTERS,
    sizeCalculation: (_nesting, query) => Math.max(1, query.length),
  });
  return (req, _res, next) => {
    const body = (req as { body?: unknown }).body;
    const query = body !== null && typeof body === 'object' && 'query' in body ? body.query : undefined;
    if (typeof query !== 'string') return next();
    let nesting = nestingOf.get(query);
    if (nesting === undefined) {
      nesting = documentNesting(query, maxTokens);
      if (query.length <= CACHED_QUERY_CHARACTERS / 100) nestingOf.set(query, nesting);
    }
    if (nesting <= MAX_DOCUMENT_NESTING) return next();
    const error = badInput('query', `This document nests ${nesting} braces or brackets deep; the limit is ${MAX_DOCUMENT_NESTING}`);
    next(error);
  };
}

/** Characters of query text the guard keeps results for, in all (each text at most a hundredth of it). */
const CACHED_QUERY_CHARACTERS = 4 * 1024 * 1024;

/** The deepest nesting of braces and brackets, counting at most `maxTokens` tokens. */
export function documentNesting(query: string, maxTokens: number): number {
  const lexer = new Lexer(new Source(query));
  let depth = 0;
  let deepest = 0;
  try {
    for (let count = 0; count < maxTokens; count++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) break;
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L) deepest = Math.max(deepest, ++depth);
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R) depth -= 1;
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return deepest;
}
