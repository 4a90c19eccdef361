/**
 * Vitest globalSetup: builds the web app into dist/web when any file under src/ is newer than the build,
 * so browser tests always drive the current code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  const index = join(root, 'dist', 'web', 'index.html');
  const stale =
    !existsSync(index) ||
    statSync(index).mtimeMs < Math.max(newestMtime(join(root, 'src', 'web')), newestMtime(join(root, 'src', 'domain')));
  if (stale) await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
