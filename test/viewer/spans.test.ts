import fc from 'fast-check';
import { layoutSpans, type LayoutNode, type Span } from '../../viewer/src/spans';

type Node = LayoutNode<string>;

/** The tree as a string: spans in brackets, e.g. "ab[c{d}]e". */
function render(text: string, nodes: Node[]): string {
  return nodes
    .map((node) =>
      node.type === 'text'
        ? text.slice(node.start, node.end)
        : `${node.span.data}(${render(text, node.children)}${node.fragment ? '…' : ''})`,
    )
    .join('');
}

const span = (start: number, end: number, data: string, layer = 0): Span<string> => ({ start, end, data, layer });

describe('the viewer lays out spans of a sentence', () => {
  const text = 'abcdefghij';

  it('nests a span inside the one that contains it', () => {
    expect(render(text, layoutSpans(0, 10, [span(4, 6, 'm', 1), span(2, 8, 'e')]))).toBe('ab' + 'e(cd' + 'm(ef)' + 'gh)' + 'ij');
  });

  it('makes the lower layer the outer element of two equal spans', () => {
    expect(render(text, layoutSpans(0, 10, [span(2, 4, 'm', 1), span(2, 4, 'e', 0)]))).toBe('ab' + 'e(m(cd))' + 'efghij');
  });

  it('cuts a crossing span into fragments at the boundary', () => {
    expect(render(text, layoutSpans(0, 10, [span(1, 5, 'a'), span(3, 8, 'b')]))).toBe('a' + 'a(bc' + 'b(de…))' + 'b(fgh…)' + 'ij');
  });

  it('clips spans to the sentence and drops empty ones', () => {
    expect(render(text, layoutSpans(2, 6, [span(0, 3, 'a'), span(4, 4, 'z')]))).toBe('a(c…)' + 'def');
  });

  it('covers the sentence exactly once, and a whole span is one element with its text', () => {
    const arbitrarySpan = fc
      .tuple(fc.nat(30), fc.nat(30), fc.nat(2))
      .map(([a, b, layer]) => span(Math.min(a, b), Math.max(a, b), `${a}-${b}`, layer));
    fc.assert(
      fc.property(fc.array(arbitrarySpan, { maxLength: 8 }), (spans) => {
        const nodes = layoutSpans(0, 30, spans);
        const leaves: Array<[number, number]> = [];
        const wholes = new Set<Span<string>>();
        const walk = (list: Node[], from: number, to: number): void => {
          let position = from;
          for (const node of list) {
            expect(node.start).toBe(position);
            position = node.end;
            if (node.type === 'text') leaves.push([node.start, node.end]);
            else {
              if (!node.fragment) {
                expect([node.start, node.end]).toEqual([node.span.start, node.span.end]);
                wholes.add(node.span);
              }
              walk(node.children, node.start, node.end);
            }
          }
          expect(position).toBe(to);
        };
        walk(nodes, 0, 30);
        expect(leaves[0]?.[0] ?? 0).toBe(0);
        // Every span is laid out: as one element, or as fragments.
        for (const s of spans) if (s.start < s.end && !wholes.has(s)) expect(count(nodes, s)).toBeGreaterThan(1);
      }),
    );
  });
});

function count(nodes: Node[], s: Span<string>): number {
  return nodes.reduce((n, node) => n + (node.type === 'span' ? (node.span === s ? 1 : 0) + count(node.children, s) : 0), 0);
}
