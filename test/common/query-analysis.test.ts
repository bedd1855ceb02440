import fc from 'fast-check';
import { buildSchema, Kind, parse, visit, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { measureOperation } from '../../src/common/query-analysis';
import { fragmentsOf } from '../../src/common/query-limits';

const schema = buildSchema(`
  type Query { item: Item items(first: Int): ItemConnection node: Node }
  interface Node { id: ID }
  type Item implements Node { id: ID name: String child: Item children(first: Int): ItemConnection }
  type Other implements Node { id: ID label: String }
  type ItemConnection { nodes: [Item] totalCount: Int }
`);

/**
 * A document shape: fragments F0…Fn on Item, each a list of selections — aliased leaves, a
 * nested `child`, inline fragments, and spreads of any earlier fragment (repeated at will), so
 * expanded sizes grow exponentially while the document grows linearly.
 */
type Selection = { leaf: number } | { child: Selection[] } | { inline: Selection[] } | { spread: number };

const selection: fc.Arbitrary<Selection> = fc.letrec<{ selection: Selection }>((tie) => ({
  selection: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.nat(5) }),
    fc.record({ spread: fc.nat(30) }),
    fc.record({ child: fc.array(tie('selection'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ inline: fc.array(tie('selection'), { minLength: 1, maxLength: 3 }) }),
  ),
})).selection;

const documentShape = fc.record({
  fragments: fc.array(fc.array(selection, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
  aliases: fc.integer({ min: 1, max: 20 }),
});

function render(selections: Selection[], fragmentIndex: number): string {
  return selections
    .map((s) => {
      if ('leaf' in s) return `l${s.leaf}: ${s.leaf % 2 === 0 ? 'id' : 'name'}`;
      if ('child' in s) return `child { ${render(s.child, fragmentIndex)} }`;
      if ('inline' in s) return `... on Item { ${render(s.inline, fragmentIndex)} }`;
      // Only earlier fragments: validation refuses cycles.
      return fragmentIndex === 0 ? 'id' : `...F${s.spread % fragmentIndex}`;
    })
    .join(' ');
}

function documentOf(shape: { fragments: Selection[][]; aliases: number }): DocumentNode {
  const last = shape.fragments.length - 1;
  const roots = Array.from({ length: shape.aliases }, (_, i) => `r${i}: item { ...F${last} }`).join(' ');
  const fragments = shape.fragments.map((body, i) => `fragment F${i} on Item { ${render(body, i)} }`).join('\n');
  return parse(`{ ${roots} }\n${fragments}`);
}

function selectionNodes(document: DocumentNode): number {
  let count = 0;
  visit(document, { Field: () => void count++, InlineFragment: () => void count++, FragmentSpread: () => void count++ });
  return count;
}

/** The obvious walk that expands every spread: exponential, the reference for small documents. */
function naive(document: DocumentNode): { depth: number; selections: number } {
  const fragments = fragmentsOf(document);
  const walk = (set: SelectionSetNode): { depth: number; selections: number } => {
    let depth = 0;
    let selections = 0;
    for (const s of set.selections) {
      const inner =
        s.kind === Kind.FIELD
          ? s.selectionSet
            ? ((m) => ({ depth: 1 + m.depth, selections: 1 + m.selections }))(walk(s.selectionSet))
            : { depth: 1, selections: 1 }
          : walk(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)!.selectionSet);
      depth = Math.max(depth, inner.depth);
      selections += inner.selections;
    }
    return { depth, selections };
  };
  return walk(operationOf(document).selectionSet);
}

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
}

describe('query analysis', () => {
  it('visits each selection of the document once, however fragments multiply', () => {
    fc.assert(
      fc.property(documentShape, (shape) => {
        const document = documentOf(shape);
        const measure = measureOperation(schema, fragmentsOf(document), operationOf(document), {});
        expect(measure.steps).toBeLessThanOrEqual(selectionNodes(document));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the expanding walk on depth and selections', () => {
    fc.assert(
      fc.property(documentShape, (shape) => {
        const document = documentOf({ ...shape, fragments: shape.fragments.slice(0, 8) });
        const measure = measureOperation(schema, fragmentsOf(document), operationOf(document), {});
        expect({ depth: measure.depth, selections: measure.selections }).toEqual(naive(document));
      }),
      { numRuns: 200 },
    );
  });

  it('measures a 200-fragment doubling chain in 200-odd steps, reporting 2^200 selections', () => {
    const fragments = [`fragment F0 on Item { id }`];
    for (let i = 1; i <= 200; i++) fragments.push(`fragment F${i} on Item { ...F${i - 1} ...F${i - 1} }`);
    const document = parse(`{ item { ...F200 } } ${fragments.join(' ')}`);
    const measure = measureOperation(schema, fragmentsOf(document), operationOf(document), {});
    expect(measure.steps).toBe(selectionNodes(document));
    expect(measure.selections).toBeGreaterThan(2 ** 199);
  });

  it('costs the costliest branch of an abstract type, not their sum, and counts a COUNT outside the page', () => {
    const cost = (query: string) => {
      const document = parse(query);
      return measureOperation(schema, fragmentsOf(document), operationOf(document), {}).cost;
    };
    const one = cost(`{ node { ... on Item { children(first: 10) { nodes { id } } } } }`);
    expect(cost(`{ node { ... on Item { children(first: 10) { nodes { id } } } ... on Other { label } } }`)).toBe(one);
    expect(cost(`{ items(first: 0) { totalCount } }`)).toBe(1 + 100);
    expect(cost(`{ items(first: 0) { nodes { id } } }`)).toBe(1);
  });
});
