import { describe, expect, it } from 'vitest';
import { CliError, jsonErrorOffset, lineColumn, parseJson } from './io.ts';

describe('JSON syntax errors are located by line and column', () => {
  const cases: [string, number, number][] = [
    ['{\n  "a": 1,\n  "b": }', 3, 8],
    ['{"a": 1 "b": 2}', 1, 9],
    ['[1, 2,]', 1, 7],
    ['{"a": tru}', 1, 10],
    ['{"a": "x\u0001"}', 1, 9],
    ['{"a": 1}\n  x', 2, 3],
  ];
  for (const [text, line, column] of cases) {
    it(JSON.stringify(text), () => {
      expect(() => JSON.parse(text) as unknown).toThrow();
      expect(lineColumn(text, jsonErrorOffset(text))).toEqual({ line, column });
      expect(() => parseJson(text, 'f.json')).toThrow(
        new RegExp(`f.json: malformed JSON at line ${line}, column ${column}`),
      );
    });
  }

  it('a premature end is reported as such', () => {
    expect(() => parseJson('{"a": [1, 2', 'f.json')).toThrow(/at the end of the input/);
    expect(() => parseJson('', 'f.json')).toThrow(CliError);
  });

  it('valid JSON parses', () => {
    expect(parseJson('{"a": [1, "\\u00e9", true, null]}', 'f.json')).toEqual({ a: [1, 'é', true, null] });
  });
});
