import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchFlags } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

/** A fetch whose answer has a 200 status and a body that `chunks` makes (the stream is told when the call is aborted). */
function stubFetch(chunks: (body: ReadableStreamDefaultController<Uint8Array>, signal?: AbortSignal) => void): void {
  vi.stubGlobal('fetch', (_path: string, init: RequestInit) =>
    Promise.resolve(
      new Response(new ReadableStream<Uint8Array>({ start: (body) => chunks(body, init.signal ?? undefined) }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
}

describe('API requests', () => {
  it('reject with the abort, not an empty answer, when aborted while the body is read', async () => {
    stubFetch((body, signal) => {
      body.enqueue(new TextEncoder().encode('{"items":['));
      signal?.addEventListener('abort', () => body.error(signal.reason));
    });
    const controller = new AbortController();
    const answer = fetchFlags({ rule: 'ofac', asOf: '2025-01-01' }, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('say so when a successful answer is not JSON', async () => {
    stubFetch((body) => {
      body.enqueue(new TextEncoder().encode('<html>proxy page</html>'));
      body.close();
    });
    const answer = fetchFlags({ rule: 'ofac', asOf: '2025-01-01' });
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('BAD_RESPONSE');
    expect((error as ApiError).message).toMatch(/^The answer to \/api\/flags\?/);
  });
});
