/** Where tests and benchmarks find ../shared/data (real public data); a clear error when it is missing. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

export function sharedData(...parts: string[]): string {
  const path = join(SHARED_DATA, ...parts);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: tests and benchmarks read the public data in ../shared/data (see its README)`);
  }
  return path;
}
