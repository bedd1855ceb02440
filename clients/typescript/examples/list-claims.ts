import { ClaimProvenanceDocument, ClaimsDocument, EventCountsDocument, VerbatimClient, VerbatimError } from '../src';

/** Run by CI against a live server: VERBATIM_URL, VERBATIM_KEY. */
async function main(): Promise<void> {
  const client = new VerbatimClient({ url: process.env.VERBATIM_URL ?? 'http://localhost:4000', key: process.env.VERBATIM_KEY });

  let count = 0;
  const ids = new Set<string>();
  // Small pages, so the walk crosses several.
  for await (const claim of client.paginate(ClaimsDocument, { first: 5 }, (data) => data.claims)) {
    count += 1;
    ids.add(claim.id);
    if (count <= 3) console.log(`${claim.kind} ${claim.status}: ${claim.text}`);
  }
  if (count === 0 || ids.size !== count) throw new Error(`paging went wrong: ${count} claims, ${ids.size} distinct`);
  console.log(`${count} claims walked`);

  // Offsets are code points: Array.from, not String.prototype.slice (UTF-16 units).
  const [firstId] = ids;
  const { node } = await client.request(ClaimProvenanceDocument, { id: firstId });
  if (node == null || !('evidence' in node)) throw new Error('the claim went missing');
  for (const span of node.evidence) {
    const sliced = Array.from(node.article.body).slice(span.start, span.end).join('');
    if (sliced !== span.exact) throw new Error(`evidence ${span.start}-${span.end} does not slice to its quote`);
  }
  console.log('evidence spans checked in code points');

  const { eventCounts } = await client.request(EventCountsDocument, { groupBy: 'MONTH' });
  console.log(`event months: ${eventCounts.map((bucket) => `${bucket.key}=${bucket.count}`).join(' ')}`);

  try {
    await client.request(ClaimsDocument, { first: 101 });
    throw new Error('first: 101 should be refused');
  } catch (error) {
    if (!(error instanceof VerbatimError) || error.code !== 'BAD_USER_INPUT') throw error;
    console.log(`errors carry the code: ${error.code} (${error.field ?? 'no field'})`);
  }
  console.log('TypeScript example: ok');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
