/**
 * Which requests may be sent a prepared answer as kept (deflated): the Accept-Encoding header read by its codings,
 * weights, `*` and `identity` (RFC 9110, 12.5.3).
 */
import { describe, expect, it } from 'vitest';
import { acceptsDeflate } from './analysis.ts';

describe('acceptsDeflate', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['deflate', true],
    ['gzip;q=1.0, Deflate;q=0.5', true],
    [' gzip , deflate ; q=0.001', true],
    ['deflate;q=0', false],
    ['deflate; q=0.0', false],
    ['gzip, br', false],
    ['identity', false],
    ['identity;q=1, deflate;q=0.5', false],
    ['*', true],
    ['gzip, *;q=0.1', true],
    ['*;q=0', false],
    ['deflate;q=0, *', false],
    ['*, deflate;q=0', false],
    ['gzip, deflate;q=0, *;q=0.5', false],
    ['identity;q=0.5, deflate', true],
    ['', false],
    [undefined, false],
  ])('%j: %s', (header, expected) => {
    expect(acceptsDeflate(header)).toBe(expected);
  });
});
