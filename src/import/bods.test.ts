/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- test data is untyped JSON */
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBods } from './bods.ts';
import { readImport } from './read.ts';
import { sharedData } from './shared-data.ts';
import { tempDir } from '../../tests/setup/temp-dir.ts';

const options = { date: '2026-01-02' };
const examples = sharedData('bods', 'examples');

// file -> [nodes, relationships] after mapping (one edge per interest; unspecified parties give none).
const EXPECTED: Record<string, [number, number]> = {
  'bods-package-annotations.json': [2, 1],
  'bods-package-entity-owning-entity.json': [2, 1],
  'bods-package-fi-soe.json': [4, 5],
  'bods-package-linking-annotations.json': [2, 1],
  'bods-package.json': [2, 1],
  'fermcat.json': [4, 5],
  'full-pep-declaration.json': [2, 2],
  'indirect-ownership.json': [3, 3],
  'joint-ownership.json': [4, 3],
  'levent.json': [4, 4],
  'listed-company-exempt-from-disclosure.json': [1, 0],
  'mixed-direct-and-indirect-ownership.json': [3, 4],
  'multiple-indirect-ownership.json': [4, 5],
  'multiple-tax-residencies.json': [2, 1],
  'mutilple-indirect-ownership-2.json': [4, 5],
  'nomination.json': [4, 4],
  'plc-entity-statement.json': [1, 0],
  'simple-pep-declaration.json': [2, 2],
  'tecido.json': [3, 3],
};

describe('BODS 0.4', () => {
  it('imports all 19 examples without errors', () => {
    const files = readdirSync(examples)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toHaveLength(19);
    for (const file of files) {
      const r = readBods(join(examples, file), options);
      expect(r.errors, file).toEqual([]);
      expect([r.nodes.length, r.edges.length], file).toEqual(EXPECTED[file]);
    }
  });

  it('maps state and stateBody to governments, shares to OWNS, indirect holdings to links', () => {
    const r = readBods(join(examples, 'bods-package-fi-soe.json'), options);
    const state = r.nodes.find((n) => n.attributes.governmentType === 'state');
    expect(state?.attributes).toMatchObject({
      kind: 'Government',
      name: 'Suomen tasavalta',
      country: 'FI',
      aliases: ['Republic of Finland'],
    });
    expect(r.nodes.find((n) => n.attributes.governmentType === 'stateBody')?.attributes.name).toBe(
      'Valtiovarainministerio',
    );
    const owns = r.edges
      .filter((e) => e.attributes.kind === 'OWNS')
      .map((e) => e.attributes.percent)
      .sort((a, b) => a! - b!);
    expect(owns).toEqual([23.5, 76.5, 100]);
    expect(r.edges.find((e) => e.attributes.basis === 'indirect shareholding 100%')?.attributes.kind).toBe('LINKED_TO');
    expect(r.nodes.find((n) => n.key === 'bods-19f1c5afe9d7')?.attributes.identifiers).toContainEqual({
      scheme: 'registration-fi',
      value: '3007894-1',
    });
  });

  it('keeps share ranges as bands', () => {
    const r = readBods(join(examples, 'bods-package-entity-owning-entity.json'), options);
    expect(r.edges[0]?.attributes).toMatchObject({ kind: 'OWNS', percentMin: 75, percentMax: 100 });
    const pep = readBods(join(examples, 'simple-pep-declaration.json'), options);
    expect(pep.edges.find((e) => e.attributes.kind === 'OWNS')?.attributes).toMatchObject({
      percentMin: 25,
      percentMax: 50,
    });
  });

  it('rejects invalid statements, naming the statement and the JSON path of the field, and maps nothing', () => {
    const dir = tempDir('bods-');
    const data = JSON.parse(readFileSync(join(examples, 'bods-package-fi-soe.json'), 'utf8')) as Record<string, any>[];
    data[4]!.recordDetails.interests[0].share.exact = 140;
    delete data[1]!.recordId;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(data));
    const r = readBods(file, options);
    expect(r.nodes).toEqual([]);
    expect(r.errors).toEqual([
      { file, path: '$[1].recordId', message: `statement ${data[1]!.statementId as string}: recordId is required` },
      {
        file,
        path: '$[4].recordDetails.interests[0].share.exact',
        message: `statement ${data[4]!.statementId as string}: exact must be <= 100`,
      },
    ]);
  });

  it('warns (not fails) about a relationship to parties in none of the files', () => {
    const dir = tempDir('bods-');
    const data = JSON.parse(readFileSync(join(examples, 'bods-package.json'), 'utf8')) as Record<string, any>[];
    const only = data.filter((s) => s.recordType !== 'person');
    const file = join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify(only));
    const batch = readImport([file], 'bods', options);
    expect(batch.errors).toEqual([]);
    expect(batch.dangling).toHaveLength(1);
    expect(batch.warnings.some((w) => /in none of the files/.test(w.message))).toBe(true);
    copyFileSync(join(examples, 'bods-package.json'), join(dir, 'full.json'));
    expect(readImport([file, join(dir, 'full.json')], 'bods', options).dangling).toHaveLength(0);
  });
});
