import { badInput } from '../common/errors';
import { decodeGlobalId } from '../common/global-id';
import { MAX_PAGE_SIZE } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { rowKey } from '../common/loaders';
import type { Node } from '../common/node';
import type { Context } from '../context';
import { findVisibleOrganization } from '../organizations/organization.service';

/**
 * Any node by global id, through the per-request loaders. A malformed id is refused; a
 * well-formed id of nothing (or of something the viewer may not see) is null. `fields` is the
 * selection on the node (its fragments for every type): a field another type has reads every column.
 */
export async function loadNode(ctx: Context, id: string, field: string, fields: FieldSelection = ALL_FIELDS): Promise<Node | null> {
  const decoded = decodeGlobalId(id);
  if (decoded === null) throw badInput(field, `"${id.slice(0, 40)}" is not a valid id`);
  const key = rowKey(decoded.rowId, fields);
  switch (decoded.type) {
    case 'Source':
      return ctx.loaders.sourceById.load(key);
    case 'Article':
      return ctx.loaders.articleById.load(key);
    case 'Sentence':
      return ctx.loaders.sentenceById.load(key);
    case 'Actor':
      return ctx.loaders.actorById.load(key);
    case 'Event':
      return ctx.loaders.eventById.load(key);
    case 'Claim':
      return ctx.loaders.claimById.load(key);
    case 'Organization':
      return findVisibleOrganization(ctx, decoded.rowId);
    default:
      // Types whose API has not been built yet resolve to nothing rather than leaking rows.
      return null;
  }
}

export async function loadNodes(ctx: Context, ids: string[], fields: FieldSelection = ALL_FIELDS): Promise<Array<Node | null>> {
  if (ids.length > MAX_PAGE_SIZE) throw badInput('ids', `Ask for at most ${MAX_PAGE_SIZE} ids at once`);
  return Promise.all(ids.map((id, index) => loadNode(ctx, id, `ids[${index}]`, fields)));
}
