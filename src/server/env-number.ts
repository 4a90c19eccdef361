/**
 * Whole-number settings of the server read from the environment, each checked: unset or blank gives the default,
 * anything else that is not a whole number of at least `min` is a RangeError that names the variable, what it
 * expects and the value given (`serve` reads them before it starts anything).
 */
export function wholeNumberFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { min, expected }: { min: number; expected: string },
): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be ${expected}, not "${text}"`);
  return value;
}
