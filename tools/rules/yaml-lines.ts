/**
 * Maps a path in a parsed YAML document (`['locations', 0, 'zones', 1, 'match']`) to the line it was written on, so
 * rule errors point where an admin has to look. Uses the node ranges of `yaml`'s `parseDocument` and a `LineCounter`
 * (https://eemeli.org/yaml/#parse-options).
 */
import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/**
 * The YAML node for `path`: the key node for a mapping entry (its line is where an admin looks, also for a block
 * value below it), the item node for a list entry, or the deepest ancestor that exists (a missing key points at the
 * mapping that lacks it).
 */
function nodeForPath(document: Document, path: readonly PropertyKey[]): Node | undefined {
  let current: unknown = document.contents;
  let best: Node | undefined = isNode(current) ? current : undefined;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (pair === undefined) return best;
      if (last || !isNode(pair.value)) return isNode(pair.key) ? pair.key : best;
      current = pair.value;
      best = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item: unknown = current.items[segment];
      if (!isNode(item)) return best;
      current = item;
      best = item;
    } else {
      return best;
    }
  }
  return best;
}

/**
 * 1-based line of the node at `path` (or of its nearest existing ancestor); `undefined` when the document has no
 * position for it (e.g. an empty document).
 *
 * @example
 * const lineCounter = new LineCounter();
 * const document = parseDocument('version: 1\nlocations:\n  - name: HQ\n', { lineCounter });
 * lineOf(document, lineCounter, ['locations', 0, 'name']); // 3
 */
export function lineOf(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  const node = nodeForPath(document, path);
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
