/**
 * Lays out the spans of one sentence (evidence of claims, mentions of actors, time expressions)
 * as a tree of nested elements, in code-point offsets. A span that contains another becomes its
 * parent, so each span is one element whose text is exactly the span; two spans that cross (one
 * starts inside the other and ends after it) cannot both be one element, so the later one is cut
 * at the boundary into fragments (`fragment: true`). No DOM here: unit-tested under Node.
 */

export interface Span<T> {
  start: number;
  end: number;
  /** Of two spans with equal bounds, the lower layer is the outer element. */
  layer: number;
  data: T;
}

export type LayoutNode<T> =
  | { type: 'text'; start: number; end: number }
  | { type: 'span'; start: number; end: number; span: Span<T>; fragment: boolean; children: LayoutNode<T>[] };

interface Piece<T> {
  start: number;
  end: number;
  span: Span<T>;
  fragment: boolean;
}

export function layoutSpans<T>(start: number, end: number, spans: readonly Span<T>[]): LayoutNode<T>[] {
  const pieces: Piece<T>[] = [];
  for (const span of spans) {
    const from = Math.max(start, span.start);
    const to = Math.min(end, span.end);
    if (from < to) pieces.push({ start: from, end: to, span, fragment: from !== span.start || to !== span.end });
  }
  return build(start, end, pieces);
}

function build<T>(start: number, end: number, pieces: Piece<T>[]): LayoutNode<T>[] {
  const nodes: LayoutNode<T>[] = [];
  let remaining = sorted(pieces);
  let position = start;
  while (remaining.length > 0) {
    const [outer, ...rest] = remaining;
    const inside: Piece<T>[] = [];
    const after: Piece<T>[] = [];
    for (const piece of rest) {
      if (piece.start >= outer.end) after.push(piece);
      else if (piece.end <= outer.end) inside.push(piece);
      else {
        // Crosses outer's end: the part inside nests, the rest waits its turn.
        inside.push({ start: piece.start, end: outer.end, span: piece.span, fragment: true });
        after.push({ start: outer.end, end: piece.end, span: piece.span, fragment: true });
      }
    }
    if (position < outer.start) nodes.push({ type: 'text', start: position, end: outer.start });
    nodes.push({ type: 'span', ...outer, children: build(outer.start, outer.end, inside) });
    position = outer.end;
    remaining = sorted(after);
  }
  if (position < end) nodes.push({ type: 'text', start: position, end });
  return nodes;
}

/** Earliest first; of spans starting together the longest (then the lowest layer) is the outer one. */
function sorted<T>(pieces: Piece<T>[]): Piece<T>[] {
  return [...pieces].sort((a, b) => a.start - b.start || b.end - a.end || a.span.layer - b.span.layer);
}
