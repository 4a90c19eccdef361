// A setup file of every test project (vite.config.ts): it runs in each test file's context, so this afterAll
// removes the folders that file made with tempDir.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.ts';

afterAll(removeTempDirs);
