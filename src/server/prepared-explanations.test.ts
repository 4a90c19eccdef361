/**
 * The store of prepared answers on its own: what it keeps, for which options and data, and within which budget.
 * (The service's prepared answers are compared byte for byte with computed ones in
 * tests/integration/prepared-explanations.test.ts.)
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeflatedText, PreparedExplanations, preparedBudgetFromEnv } from './prepared-explanations.ts';

const answer = (key: string) => JSON.stringify({ analysis: { key, effectiveOwners: { [`${key}-owner`]: 51.5 } } });
const explainAll = (key: string) => Promise.resolve(answer(key));

describe('PreparedExplanations', () => {
  it('keeps each answer for its options and data, and gives it back byte for byte', async () => {
    const store = new PreparedExplanations(1024 * 1024);
    expect(store.state()).toEqual({ state: 'none' });
    const run = store.prepare('ofac', 'v1', ['f1', 'f2', 'f3'], explainAll);
    expect(store.state().state).toBe('preparing');
    expect(store.holds('ofac', 'v1')).toBe(true);
    expect(store.covers('ofac')).toBe(true);
    expect(store.covers('eu')).toBe(false);
    // Nothing to start again for the same options and data; another set of options would start.
    expect(store.wants('ofac', 'v1')).toBe(false);
    expect(store.wants('eu', 'v1')).toBe(true);
    await run;
    expect(store.state()).toMatchObject({ state: 'ready', options: 'ofac', fingerprint: 'v1', prepared: 3 });
    expect(store.state().bytes).toBeGreaterThan(0);
    expect(store.get('ofac', 'v1', 'f2')?.toString('utf8')).toBe(answer('f2'));
    // As kept: HTTP's deflate coding (the zlib format), which inflates to the same bytes.
    const kept = store.get('ofac', 'v1', 'f2', true);
    expect(kept).toBeInstanceOf(DeflatedText);
    expect(inflateSync(kept!.bytes).toString('utf8')).toBe(answer('f2'));
    expect(store.get('ofac', 'v1', 'f9', true)).toBeUndefined();
    // Another set of options, an unknown entity: nothing.
    expect(store.get('eu', 'v1', 'f2')).toBeUndefined();
    expect(store.get('ofac', 'v1', 'f9')).toBeUndefined();
  });

  it('skips the entities without an answer', async () => {
    const store = new PreparedExplanations(1024 * 1024);
    await store.prepare('ofac', 'v1', ['f1', 'gone', 'f3'], (key) =>
      Promise.resolve(key === 'gone' ? null : answer(key)),
    );
    expect(store.state()).toMatchObject({ state: 'ready', prepared: 2, facilities: 3 });
    expect(store.get('ofac', 'v1', 'gone')).toBeUndefined();
  });

  it('drops everything once the data changed', async () => {
    const store = new PreparedExplanations(1024 * 1024);
    await store.prepare('ofac', 'v1', ['f1'], explainAll);
    expect(store.get('ofac', 'v2', 'f1')).toBeUndefined();
    expect(store.state()).toEqual({ state: 'none' });
    expect(store.get('ofac', 'v1', 'f1')).toBeUndefined();
  });

  it('stops at the budget and says so, keeping what fitted', async () => {
    const one = new PreparedExplanations(1024 * 1024);
    await one.prepare('ofac', 'v1', ['f1'], explainAll);
    const size = one.state().bytes!;
    const store = new PreparedExplanations(size * 2 + 1);
    await store.prepare('ofac', 'v1', ['f1', 'f2', 'f3', 'f4'], explainAll);
    expect(store.state()).toMatchObject({ state: 'capped', prepared: 2, facilities: 4 });
    expect(store.get('ofac', 'v1', 'f1')).toBeDefined();
    expect(store.get('ofac', 'v1', 'f3')).toBeUndefined();
  });

  it('stops a run when newer options replace it, and never stores its answers', async () => {
    const store = new PreparedExplanations(1024 * 1024);
    let asked = 0;
    const first = store.prepare('ofac', 'v1', ['f1', 'f2', 'f3', 'f4'], (key) => {
      asked++;
      return Promise.resolve(answer(key));
    });
    const second = store.prepare('eu', 'v1', ['f1'], explainAll);
    await Promise.all([first, second]);
    expect(asked).toBeLessThan(4);
    expect(store.state()).toMatchObject({ state: 'ready', options: 'eu', prepared: 1 });
    expect(store.get('ofac', 'v1', 'f1')).toBeUndefined();
  });

  it('ends a run whose answer failed, and says so', async () => {
    const store = new PreparedExplanations(1024 * 1024);
    await store.prepare('ofac', 'v1', ['f1', 'f2'], (key) =>
      key === 'f2' ? Promise.reject(new Error('connection lost')) : Promise.resolve(answer(key)),
    );
    expect(store.state()).toMatchObject({ state: 'failed', prepared: 1 });
  });

  it('is off with a budget of 0, and reads its budget from the environment in megabytes', async () => {
    const off = new PreparedExplanations(0);
    await off.prepare('ofac', 'v1', ['f1'], explainAll);
    expect(off.state()).toEqual({ state: 'off' });
    expect(off.wants('ofac', 'v1')).toBe(false);
    expect(off.get('ofac', 'v1', 'f1')).toBeUndefined();
    expect(preparedBudgetFromEnv({})).toBe(128 * 1024 * 1024);
    expect(preparedBudgetFromEnv({ LOOKTHROUGH_PREPARED_EXPLANATIONS_MB: '16' })).toBe(16 * 1024 * 1024);
    expect(preparedBudgetFromEnv({ LOOKTHROUGH_PREPARED_EXPLANATIONS_MB: '0' })).toBe(0);
    expect(() => preparedBudgetFromEnv({ LOOKTHROUGH_PREPARED_EXPLANATIONS_MB: 'lots' })).toThrow(
      /LOOKTHROUGH_PREPARED_EXPLANATIONS_MB must be a whole number of megabytes.*"lots"/,
    );
  });
});
