import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** Validates request input; a 400 names the first bad field and what was expected. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : where;
  throw new HttpError(400, 'INVALID_PARAMETER', `${where} parameter "${field}": ${issue?.message ?? 'invalid'}`);
}
