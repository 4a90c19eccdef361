/**
 * A snapshot's JSON with each node's and edge's text kept from one response to the next. Traces cut from the
 * in-memory projection hand out the projection's own node and edge objects, so the text of an element shared by
 * many traces is produced once; JSON.stringify of a whole subgraph (hundreds of objects of many shapes) was the
 * largest cost of answering a trace. The text is exactly JSON.stringify's.
 */
import type { OwnershipSnapshot } from '../domain/snapshot.ts';

/** Characters of kept text before the cache starts afresh (about 128 MB of strings). */
const DEFAULT_MAX_CHARS = 64_000_000;

export class SnapshotJson {
  /** Keyed by the element objects: text of elements nobody holds any more goes with them. */
  private texts = new WeakMap<object, string>();
  private chars = 0;

  constructor(private readonly maxChars = DEFAULT_MAX_CHARS) {}

  /** JSON.stringify(snapshot), from kept texts where there are some. */
  stringify(snapshot: OwnershipSnapshot): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(snapshot)) {
      if (value === undefined) continue;
      const text =
        key === 'nodes' || key === 'edges'
          ? `[${(value as object[]).map((element) => this.text(element)).join(',')}]`
          : JSON.stringify(value);
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  private text(element: object): string {
    let text = this.texts.get(element);
    if (text === undefined) {
      text = JSON.stringify(element);
      if (this.chars + text.length > this.maxChars) {
        this.texts = new WeakMap();
        this.chars = 0;
      }
      this.texts.set(element, text);
      this.chars += text.length;
    }
    return text;
  }
}
