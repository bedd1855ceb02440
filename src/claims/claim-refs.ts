import { parseGlobalId } from '../common/global-id';

export interface ClaimRef {
  rowId: string;
  field: string;
}

/** Claim ids of an input (`input.claimIds`), decoded, duplicates dropped; each keeps the path of its item. */
export function parseClaimIds(ids: readonly string[], field: string): ClaimRef[] {
  const refs = new Map<string, ClaimRef>();
  ids.forEach((id, index) => {
    const rowId = parseGlobalId(id, 'Claim', `${field}[${index}]`);
    if (!refs.has(rowId)) refs.set(rowId, { rowId, field: `${field}[${index}]` });
  });
  return [...refs.values()];
}
