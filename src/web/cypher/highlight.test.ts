import { describe, expect, it } from 'vitest';
import { tokenize } from './highlight.ts';

const kinds = (source: string) =>
  tokenize(source)
    .filter((t) => t.type !== 'space')
    .map((t) => `${t.type}:${t.text}`);

describe('tokenize', () => {
  it('tells keywords, labels, params, strings, numbers and functions apart', () => {
    expect(
      kinds("MATCH (c:Company)-[r:OWNS]->(f) WHERE r.percent >= 50 AND c.name = 'Acme' RETURN count(f), $id"),
    ).toEqual([
      'keyword:MATCH',
      'punct:(',
      'variable:c',
      'label::Company',
      'punct:)',
      'punct:-',
      'punct:[',
      'variable:r',
      'label::OWNS',
      'punct:]',
      'punct:-',
      'punct:>',
      'punct:(',
      'variable:f',
      'punct:)',
      'keyword:WHERE',
      'variable:r',
      'punct:.',
      'variable:percent',
      'punct:>',
      'punct:=',
      'number:50',
      'keyword:AND',
      'variable:c',
      'punct:.',
      'variable:name',
      'punct:=',
      "string:'Acme'",
      'keyword:RETURN',
      'keyword:count',
      'punct:(',
      'variable:f',
      'punct:)',
      'punct:,',
      'param:$id',
    ]);
  });

  it('keeps every character, comments included', () => {
    const source = '// who owns it\nMATCH (n {id: $id}) RETURN n.name AS name /* done */';
    expect(
      tokenize(source)
        .map((t) => t.text)
        .join(''),
    ).toBe(source);
    expect(kinds(source)[0]).toBe('comment:// who owns it');
    expect(kinds(source)).toContain('punct::');
  });
});
