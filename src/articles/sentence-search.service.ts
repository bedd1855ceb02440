import { badInput } from '../common/errors';
import { searchText } from '../common/text-input';
import { OrderDirection, type ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { listWindow, readConnection, type ListOrdering } from '../common/list-query';
import type { Context } from '../context';
import { SentenceConnection } from './article.types';
import { Sentence, type SentenceRole } from './sentence.entity';

/** Must match the expression of the GIN index `ix_sentence_text_search`. */
const DOCUMENT = `to_tsvector('english', sentence.text)`;
const QUERY = `websearch_to_tsquery('english', :query)`;
const RANK = `ts_rank(${DOCUMENT}, ${QUERY})`;

/** Best first: by rank, then newest id; cursors hold (rank, id), so paging is keyset all the way down. */
const BEST_FIRST: ListOrdering = {
  tag: [],
  terms: [
    { column: RANK, type: 'real', direction: OrderDirection.DESC },
    { column: 'sentence.id', type: 'bigint', direction: OrderDirection.DESC },
  ],
  refusal: 'Not a cursor of this connection; use a cursor returned by the API',
};

/**
 * Sentences matching a web-search query ("quoted phrase", -exclusion, or), best first. Words
 * match in their inflected forms (English stemming).
 */
export async function searchSentences(
  ctx: Context,
  query: string,
  args: ConnectionArgs,
  roles?: readonly SentenceRole[],
  fields: FieldSelection = ALL_FIELDS,
): Promise<SentenceConnection> {
  if (query.trim() === '' || query.length > 500) throw badInput('query', 'Give between 1 and 500 characters to search for');
  searchText(query, 'query');
  const window = listWindow(args, BEST_FIRST);
  const matches = () => {
    const sentences = ctx.db.getRepository(Sentence).createQueryBuilder('sentence').where(`${DOCUMENT} @@ ${QUERY}`, { query });
    if (roles != null && roles.length > 0) sentences.andWhere('sentence.role IN (:...roles)', { roles: [...new Set(roles)] });
    return sentences;
  };
  const highlight = fields === ALL_FIELDS || fields.fields.has('highlight');
  return readConnection(SentenceConnection, matches, window, {
    fields,
    peers: ctx.loaders,
    extras: highlight ? { highlight: `ts_headline('english', sentence.text, ${QUERY}, 'HighlightAll=true')` } : {},
  });
}
