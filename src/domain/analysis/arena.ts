/**
 * A bump allocator for the typed arrays of one analysis. Large typed arrays live outside the JavaScript heap, and
 * V8 answers large amounts of such "external" memory with a full collection of the whole heap: with a graph of a
 * million entities in memory (millions of graphology objects) that costs seconds, and until it ends every write to
 * the heap is slowed by the marking barrier (building a 1M-entry Map measured 6-9x slower). So all arrays of an
 * analysis are carved out of one buffer, and a large buffer is taken from WebAssembly memory when the platform has
 * it (Node, browsers): V8 reserves that memory itself. Even so, a second buffer of that size in the same process
 * was answered with a full collection, so whole-graph analyses pass one buffer on to each other (`reuse`). Regions
 * handed out after `mark()` are returned by `release(mark)` and zeroed when handed out again. When the buffer is
 * full, a region gets a buffer of its own.
 */
export class Arena {
  private chunk: ArrayBuffer;
  private offset = 0;
  private highWater = 0;
  private shared = false;

  /**
   * @param reuse take the shared buffer (see `shared` below) when it is free, and hand it back with dispose(). Only
   *   for an analysis that disposes of its arena when it ends.
   */
  constructor(bytes: number, reuse = false) {
    const size = Math.max(64, Math.ceil(bytes / 8) * 8);
    const memory = reuse && size >= WASM_MIN_BYTES && size <= WASM_MAX_BYTES ? sharedMemory() : null;
    if (memory !== null && !memory.inUse) {
      // Growing the shared WebAssembly memory, or reusing it as it is, instead of allocating a new buffer of
      // hundreds of megabytes: at 300,000 entities, each analysis after the first began with a full collection of
      // the heap (4.7 to 7.2 s on a loaded machine), and none with the shared buffer. The part used before is
      // zeroed region by region as it is handed out again, as after release().
      const have = memory.memory.buffer.byteLength;
      try {
        if (have < size) memory.memory.grow(Math.ceil((size - have) / WASM_PAGE));
        this.chunk = memory.memory.buffer;
        this.highWater = memory.dirty;
        this.shared = true;
        memory.inUse = true;
        return;
      } catch {
        // Could not grow (address space): a buffer of its own below.
      }
    }
    this.chunk = allocate(size);
  }

  /**
   * Hands the shared buffer back once nothing allocated from this arena is used any more (the caller's promise: a
   * whole-graph analysis when it returns, since no result points into the arena). The arena must not be used
   * afterwards.
   */
  dispose(): void {
    if (this.shared && shared !== null) {
      shared.dirty = Math.max(shared.dirty, this.highWater);
      shared.inUse = false;
    }
    this.shared = false;
    this.chunk = new ArrayBuffer(0);
    this.offset = 0;
    this.highWater = 0;
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
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum?: number }): WasmMemory;
}

const WASM_PAGE = 65_536;
/** Below this, a plain ArrayBuffer (small amounts of external memory cost nothing). */
const WASM_MIN_BYTES = 32 * 2 ** 20;
/** WebAssembly memory is limited to 4 GiB (65536 pages); stay well below. */
const WASM_MAX_BYTES = 2 ** 31;

/**
 * The buffer that whole-graph analyses pass on to each other (Arena with `reuse`): one WebAssembly memory, made
 * when first asked for and grown as needed, with the number of bytes at its start that may be dirty. Module state,
 * but invisible in results: arenas hand out zeroed regions either way. Null where WebAssembly is not available.
 */
let shared: { memory: WasmMemory; dirty: number; inUse: boolean } | null = null;
let sharedTried = false;

function sharedMemory(): { memory: WasmMemory; dirty: number; inUse: boolean } | null {
  if (!sharedTried) {
    sharedTried = true;
    const wasm = (globalThis as { WebAssembly?: { Memory?: WasmMemoryConstructor } }).WebAssembly;
    try {
      if (wasm?.Memory !== undefined) {
        shared = {
          memory: new wasm.Memory({ initial: 0, maximum: WASM_MAX_BYTES / WASM_PAGE }),
          dirty: 0,
          inUse: false,
        };
      }
    } catch {
      shared = null;
    }
  }
  return shared;
}

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
  // 128 bytes per node of it for the rows of a batch of 16 governments over up to half the nodes (propagateBatch),
  // up to 32 for the key table (graph-index.ts).
  return n * 400 + m * 56 + 4096;
}
