import { describe, expect, it } from 'vitest';
import { Arena } from './arena.ts';

/** Large enough for the shared buffer (arenas below 32 MiB never take it). */
const LARGE = 40 * 2 ** 20;

describe('Arena', () => {
  it('hands out zeroed regions, also after release', () => {
    const arena = new Arena(1024);
    const mark = arena.mark();
    arena.f64(16).fill(7);
    arena.release(mark);
    expect([...arena.f64(16)]).toEqual(new Array<number>(16).fill(0));
  });

  it('passes its buffer on after dispose, with the regions written before zeroed again', () => {
    const first = new Arena(LARGE, true);
    const written = first.i32(1000);
    written.fill(-1);
    first.f64(1000).fill(3.5);
    first.dispose();
    const second = new Arena(LARGE, true);
    const a = second.i32(1000);
    const b = second.f64(1000);
    expect(a.buffer).toBe(written.buffer);
    expect(a.every((x) => x === 0)).toBe(true);
    expect(b.every((x) => x === 0)).toBe(true);
    second.dispose();
  });

  it('never gives the shared buffer to two arenas in use at once', () => {
    const first = new Arena(LARGE, true);
    const second = new Arena(LARGE, true);
    const x = first.u8(8);
    const y = second.u8(8);
    expect(x.buffer).not.toBe(y.buffer);
    x.fill(1);
    expect([...y]).toEqual(new Array<number>(8).fill(0));
    first.dispose();
    second.dispose();
  });
});
