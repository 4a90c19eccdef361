/**
 * A bump allocator for the typed arrays of one analysis. Large typed arrays live outside the JavaScript heap and
 * V8 answers every 64 MB of them with a full garbage collection, which on a graph of a million entities (a heap of
 * millions of graphology objects) costs seconds each time. Carving all arrays of an analysis out of one buffer
 * turns many such collections into at most one. Regions handed out after `mark()` are returned by `release(mark)`
 * and zeroed when handed out again. When the buffer is full, a region gets a buffer of its own.
 */
export class Arena {
  private readonly chunk: ArrayBuffer;
  private offset = 0;
  private highWater = 0;

  constructor(bytes: number) {
    this.chunk = new ArrayBuffer(Math.max(64, Math.ceil(bytes / 8) * 8));
  }

  /** Bytes handed out so far (high-water mark) and capacity. */
  get used(): number {
    return this.highWater;
  }
  get capacity(): number {
    return this.chunk.byteLength;
  }

  mark(): number {
    return this.offset;
  }

  release(mark: number): void {
    this.offset = mark;
  }

  private region(bytes: number): [ArrayBuffer, number] {
    const size = Math.max(8, Math.ceil(bytes / 8) * 8);
    const start = this.offset;
    if (start + size > this.chunk.byteLength) return [new ArrayBuffer(size), 0];
    this.offset = start + size;
    if (start < this.highWater) new Uint8Array(this.chunk, start, Math.min(size, this.highWater - start)).fill(0);
    if (this.offset > this.highWater) this.highWater = this.offset;
    return [this.chunk, start];
  }

  f64(length: number): Float64Array {
    const [buffer, at] = this.region(length * 8);
    return new Float64Array(buffer, at, length);
  }

  i32(length: number): Int32Array {
    const [buffer, at] = this.region(length * 4);
    return new Int32Array(buffer, at, length);
  }

  u8(length: number): Uint8Array {
    const [buffer, at] = this.region(length);
    return new Uint8Array(buffer, at, length);
  }
}

/** Bytes an analysis of n nodes and m edges needs (index and all analyses), with some slack. */
export function analysisBytes(n: number, m: number): number {
  return n * 240 + m * 56 + 65_536;
}
