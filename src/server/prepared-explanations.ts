/**
 * Facility explanations prepared ahead of the question. When a flag ranking has been computed for a set of options
 * (rule, date, thresholds), the facilities it ranks are the ones an investigator opens next: their answers to
 * GET /api/entities/:id/analysis are computed in the background, one at a time between requests, and kept as
 * compressed JSON text for that set of options and that data fingerprint. A request that finds its answer here is a
 * lookup; any other (another set of options, a facility past the budget, data changed since) is computed as before.
 *
 * Memory is bounded: the texts are deflated (about a third of their size) and preparation stops, saying so, once they
 * take `budgetBytes`. Only the latest set of options is kept; a newer fingerprint or set of options drops the older
 * texts at once. They are kept in the zlib format, which is HTTP's `deflate` content coding: a client that accepts it
 * is sent the kept bytes as they are (no inflating on the server, a third of the bytes on the wire).
 */
import { deflateSync, inflateSync, constants } from 'node:zlib';
import { wholeNumberFromEnv } from './env-number.ts';

/** A prepared answer as kept: UTF-8 JSON in the zlib format (HTTP's `Content-Encoding: deflate`). */
export class DeflatedText {
  constructor(readonly bytes: Buffer) {}
}

export const DEFAULT_PREPARED_BUDGET_MB = 128;

/** LOOKTHROUGH_PREPARED_EXPLANATIONS_MB, or the default; a clear error for anything but a whole number. */
export function preparedBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const megabytes = wholeNumberFromEnv(env, 'LOOKTHROUGH_PREPARED_EXPLANATIONS_MB', DEFAULT_PREPARED_BUDGET_MB, {
    min: 0,
    expected: 'a whole number of megabytes (0 turns preparation off)',
  });
  return megabytes * 1024 * 1024;
}

/** What /api/health reports of the prepared explanations. */
export interface PreparedState {
  /**
   * `off` (budget 0), `none` (nothing asked yet), `preparing`, `ready` (all done), `capped` (stopped at the budget),
   * `failed` (an answer failed, or the projection of that data is gone: the rest are computed on request).
   */
  state: 'off' | 'none' | 'preparing' | 'ready' | 'capped' | 'failed';
  /** The options they were prepared for (as the service keys its cache), and the data fingerprint. */
  options?: string;
  fingerprint?: string;
  prepared?: number;
  facilities?: number;
  bytes?: number;
}

interface PreparedSet {
  options: string;
  fingerprint: string;
  texts: Map<string, Buffer>;
  total: number;
  bytes: number;
  state: 'preparing' | 'ready' | 'capped' | 'failed';
  /** The run that fills this set; a newer set stops it. */
  done: Promise<void>;
}

export class PreparedExplanations {
  private current: PreparedSet | undefined;

  constructor(private readonly budgetBytes: number) {}

  /**
   * The prepared answer (UTF-8 JSON) for these options, fingerprint and entity, if there is one; as kept (deflated)
   * when the caller can send it so.
   */
  get(options: string, fingerprint: string, key: string, deflated: true): DeflatedText | undefined;
  get(options: string, fingerprint: string, key: string, deflated?: false): Buffer | undefined;
  get(options: string, fingerprint: string, key: string, deflated: boolean): Buffer | DeflatedText | undefined;
  get(options: string, fingerprint: string, key: string, deflated = false): Buffer | DeflatedText | undefined {
    const set = this.current;
    if (!set || set.options !== options) return undefined;
    if (set.fingerprint !== fingerprint) {
      // The data changed: every text of this set is out of date.
      this.clear();
      return undefined;
    }
    const text = set.texts.get(key);
    if (!text) return undefined;
    return deflated ? new DeflatedText(text) : inflateSync(text);
  }

  /** Whether answers for these options are kept or being prepared (for whatever data). */
  covers(options: string): boolean {
    return this.current?.options === options;
  }

  /** Whether a run for these options and fingerprint is under way or finished (nothing to start). */
  holds(options: string, fingerprint: string): boolean {
    return this.current?.options === options && this.current.fingerprint === fingerprint;
  }

  /** Whether `prepare` with these would start a run: preparation is on and no run for them has begun. */
  wants(options: string, fingerprint: string): boolean {
    return this.budgetBytes > 0 && !this.holds(options, fingerprint);
  }

  /**
   * Starts preparing the answers of `keys` (in that order) for these options and fingerprint, dropping any other set;
   * `explain` gives an answer's text (null: none, skipped). Resolves when the run ends (done, capped, or replaced).
   */
  prepare(
    options: string,
    fingerprint: string,
    keys: readonly string[],
    explain: (key: string) => Promise<string | null>,
  ): Promise<void> {
    if (!this.wants(options, fingerprint)) return this.current?.done ?? Promise.resolve();
    const set: PreparedSet = {
      options,
      fingerprint,
      texts: new Map(),
      total: keys.length,
      bytes: 0,
      state: 'preparing',
      done: Promise.resolve(),
    };
    this.current = set;
    set.done = (async () => {
      for (const key of keys) {
        // One answer at a time, with the event loop free in between: requests are served between two answers.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.current !== set) return;
        const text = await explain(key);
        if (this.current !== set) return;
        if (text === null) continue;
        const packed = deflateSync(text, { level: constants.Z_BEST_SPEED });
        if (set.bytes + packed.length > this.budgetBytes) {
          set.state = 'capped';
          return;
        }
        set.texts.set(key, packed);
        set.bytes += packed.length;
      }
      set.state = 'ready';
    })().catch(() => {
      // A failed answer ends the run (it is not started again for the same data); requests compute their answers.
      set.state = 'failed';
    });
    return set.done;
  }

  /** Drops every prepared answer (the data changed) and stops a run under way. */
  clear(): void {
    this.current = undefined;
  }

  state(): PreparedState {
    if (this.budgetBytes === 0) return { state: 'off' };
    const set = this.current;
    if (!set) return { state: 'none' };
    return {
      state: set.state,
      options: set.options,
      fingerprint: set.fingerprint,
      prepared: set.texts.size,
      facilities: set.total,
      bytes: set.bytes,
    };
  }
}
