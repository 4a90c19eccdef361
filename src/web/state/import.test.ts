import { describe, expect, it } from 'vitest';
import { capIssues, countOf, formatOfName, guessFormat, issuePlace } from './import.ts';

describe('formatOfName', () => {
  it.each([
    ['sdn.csv', 'sdn'],
    ['ADD.CSV', 'sdn'],
    ['alt.csv', 'sdn'],
    ['graph.nodes.csv', 'csv'],
    ['graph.edges.csv', 'csv'],
    ['datacenters.geojson', 'sites'],
    ['zala.ftm.json', 'ftm'],
    ['entities.jsonl', 'ftm'],
    ['statements.bods.json', 'bods'],
    ['military-bases.csv', undefined],
    ['snapshot.json', undefined],
    ['notes.txt', undefined],
  ])('%s -> %s', (name, expected) => {
    expect(formatOfName(name)).toBe(expected);
  });
});

describe('guessFormat', () => {
  it('guesses when every file points to the same format', () => {
    expect(guessFormat(['sdn.csv', 'add.csv', 'alt.csv'])).toBe('sdn');
    expect(guessFormat(['g.nodes.csv', 'g.edges.csv'])).toBe('csv');
  });
  it('does not guess from mixed or ambiguous names, or from none', () => {
    expect(guessFormat(['sdn.csv', 'g.nodes.csv'])).toBeUndefined();
    expect(guessFormat(['sdn.csv', 'bases.csv'])).toBeUndefined();
    expect(guessFormat([])).toBeUndefined();
  });
});

describe('issuePlace and capIssues', () => {
  it('names the file with the line or the JSON path', () => {
    expect(issuePlace({ file: 'a.csv', line: 4, message: 'x' })).toBe('a.csv, line 4');
    expect(issuePlace({ file: 'b.json', path: '$[3].share', message: 'x' })).toBe('b.json, $[3].share');
    expect(issuePlace({ file: '', message: 'x' })).toBe('upload');
  });
  it('keeps the first ones and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ file: 'f', line: i + 1, message: `m${i}` }));
    expect(capIssues(issues, 5)).toEqual({ shown: issues.slice(0, 5), more: 2 });
    expect(capIssues(issues.slice(0, 3), 5)).toEqual({ shown: issues.slice(0, 3), more: 0 });
  });
});

describe('countOf', () => {
  it('writes the count with thousands separators and the noun in the right number', () => {
    expect(countOf(1, 'relationship')).toBe('1 relationship');
    expect(countOf(0, 'error')).toBe('0 errors');
    expect(countOf(14965, 'node')).toBe('14,965 nodes');
  });
});
