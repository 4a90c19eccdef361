/**
 * A bump allocator for the typed arrays of one analysis. Large typed arrays live outside the JavaScript heap, and
 * V8 answers large amounts of such "external" memory with a full collection of the whole heap: with a graph of a
 * million entities in memory (millions of graphology objects) that costs seconds, and until it ends every write to
 * the heap is slowed by the marking barrier (building a 1M-entry Map measured 6-9x slower). So all arrays of an
 * analysis are carved out of one buffer, and a large buffer is taken from WebAssembly memory when the platform has
 * it (Node, browsers): V8 reserves that memory itself and does not count it as external memory pressure. Regions
 * handed out after `mark()` are returned by `release(mark)` and zeroed when handed out again. When the buffer is
 * full, a region gets a buffer of its own.
 */
export class Arena {
  private readonly chunk: ArrayBuffer;
  private offset = 0;
  private highWater = 0;

  constructor(bytes: number) {
    this.chunk = allocate(Math.max(64, Math.ceil(bytes / 8) * 8));
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

/** The WebAssembly constructor we use, typed here because the domain compiles without DOM or Node typings. */
interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum?: number }): { readonly buffer: ArrayBuffer };
}

const WASM_PAGE = 65_536;
/** Below this, a plain ArrayBuffer (small amounts of external memory cost nothing). */
const WASM_MIN_BYTES = 32 * 2 ** 20;
/** WebAssembly memory is limited to 4 GiB (65536 pages); stay well below. */
const WASM_MAX_BYTES = 2 ** 31;

/** A zero-filled buffer of `bytes`: WebAssembly memory when large and available, an ArrayBuffer otherwise. */
function allocate(bytes: number): ArrayBuffer {
  const wasm = (globalThis as { WebAssembly?: { Memory?: WasmMemoryConstructor } }).WebAssembly;
  if (wasm?.Memory !== undefined && bytes >= WASM_MIN_BYTES && bytes <= WASM_MAX_BYTES) {
    try {
      const pages = Math.ceil(bytes / WASM_PAGE);
      return new wasm.Memory({ initial: pages, maximum: pages }).buffer;
    } catch {
      // Not allowed or not enough address space: fall back to an ordinary buffer.
    }
  }
  return new ArrayBuffer(bytes);
}

/** Bytes an analysis of n nodes and m edges needs (index and all analyses), with some slack. */
export function analysisBytes(n: number, m: number): number {
  return n * 256 + m * 56 + 4096;
}
