import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/setup/temp-dir.ts';

const dir = tempDir('lookthrough-analyze-');
let counter = 0;

function write(content: unknown): string {
  const file = join(dir, `snapshot-${counter++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'analyze', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const snapshot = {
  nodes: [
    {
      key: 'X',
      attributes: {
        kind: 'Person',
        name: 'Blocked X',
        sanctions: [{ authority: 'OFAC', program: 'RUSSIA-EO14024', listed: '2022-04-20' }],
      },
    },
    { key: 'A', attributes: { kind: 'Company', name: 'Holding A' } },
    { key: 'B', attributes: { kind: 'Company', name: 'Miner B' } },
    { key: 'G', attributes: { kind: 'Government', name: 'State G', governmentType: 'state' } },
    { key: 'F', attributes: { kind: 'Facility', name: 'Site F', lat: 40, lon: -100 } },
    { key: 'M', attributes: { kind: 'SensitiveSite', name: 'Base M', lat: 40.01, lon: -100, category: 'military' } },
  ],
  edges: [
    { key: 'e1', source: 'X', target: 'A', attributes: { kind: 'OWNS', percent: 50, source: 'registry' } },
    { key: 'e2', source: 'A', target: 'B', attributes: { kind: 'OWNS', percent: 50 } },
    { key: 'e3', source: 'B', target: 'F', attributes: { kind: 'OPERATES' } },
    { key: 'e4', source: 'G', target: 'B', attributes: { kind: 'OWNS', percent: 30, from: '2025-01-01' } },
  ],
};

describe('lookthrough analyze (end to end)', { timeout: 60_000 }, () => {
  it('prints the analysis as JSON', () => {
    const { status, stdout, stderr } = cli(write(snapshot), '--as-of', '2026-01-01');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as {
      rule: string;
      asOf: string;
      entities: Record<
        string,
        {
          flags: string[];
          sanctionedPercent: number;
          effectiveOwners: Record<string, number>;
          statePercent: Record<string, number>;
          controlledBy: string[];
          explanation: { paths: { edges: { key: string; provenance?: unknown }[] }[] }[];
        }
      >;
    };
    expect(out.rule).toBe('ofac');
    expect(out.asOf).toBe('2026-01-01');
    expect(out.entities.X!.flags).toEqual(['SANCTIONED']);
    expect(out.entities.B!.flags).toEqual(['SANCTIONED_OWNERSHIP', 'STATE_OWNERSHIP']);
    expect(out.entities.B!.effectiveOwners).toEqual({ X: 25 });
    expect(out.entities.B!.statePercent).toEqual({ G: 30 });
    expect(out.entities.F!.flags).toEqual(['SANCTIONED_OWNERSHIP', 'STATE_OWNERSHIP', 'NEAR_SENSITIVE_SITE']);
    expect(out.entities.F!.sanctionedPercent).toBe(100);
    expect(out.entities.F!.controlledBy).toEqual(['B']);
    expect(out.entities.A!.explanation[0]!.paths[0]!.edges[0]).toMatchObject({
      key: 'e1',
      provenance: { dataset: 'registry' },
    });
  });

  it('applies --rule, --as-of, --state-threshold and --radius-km', () => {
    const file = write(snapshot);
    const before = JSON.parse(cli(file, '--as-of', '2024-12-31').stdout) as {
      entities: Record<string, { flags: string[] }>;
    };
    expect(before.entities.B!.flags).toEqual(['SANCTIONED_OWNERSHIP']);
    const eu = JSON.parse(
      cli(file, '--rule', 'eu', '--as-of', '2026-01-01', '--state-threshold', '40', '--radius-km', '0.5').stdout,
    ) as {
      rule: string;
      entities: Record<string, { flags: string[] }>;
    };
    expect(eu.rule).toBe('eu');
    expect(eu.entities.X!.flags).toEqual([]);
    expect(eu.entities.B!.flags).toEqual([]);
    expect(eu.entities.F!.flags).toEqual([]);
  });

  it('defaults --as-of to today', () => {
    const out = JSON.parse(cli(write(snapshot)).stdout) as { asOf: string };
    expect(out.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('malformed JSON: exit 2, names the line and column', () => {
    const { status, stdout, stderr } = cli(write('{\n  "nodes": [],\n  "edges": [,]\n}'));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/malformed JSON at line 3, column 13/);
  });

  it('invalid snapshot: exit 2, names the node or edge and the field', () => {
    const bad = {
      nodes: [
        { key: 'A', attributes: { kind: 'Firm', name: 'A' } },
        { key: 'B', attributes: { kind: 'Company', name: 'B' } },
      ],
      edges: [
        { key: 'e1', source: 'B', target: 'A', attributes: { kind: 'OWNS', percent: 140 } },
        { key: 'e2', source: 'B', target: 'Z', attributes: { kind: 'OWNS', percent: 10 } },
      ],
    };
    const { status, stderr } = cli(write(bad));
    expect(status).toBe(2);
    expect(stderr).toContain(
      'nodes[0] (key "A"): attributes.kind: expected one of Person, Company, Government, Facility, SensitiveSite, got "Firm"',
    );
    expect(stderr).toContain('edges[0] (key "e1"): attributes.percent: expected a number from 0 to 100, got 140');
    expect(stderr).toContain('edges[1] (key "e2"): target: no node with key "Z"');
  });

  it('invalid options and missing files: exit 2 with a clear message', () => {
    const file = write(snapshot);
    const rule = cli(file, '--rule', 'un');
    expect(rule.status).toBe(2);
    expect(rule.stderr).toMatch(/option --rule: expected one of ofac, eu, uk, got "un"/);
    const date = cli(file, '--as-of', '2026-02-30');
    expect(date.status).toBe(2);
    expect(date.stderr).toMatch(/option --as-of: expected a date written YYYY-MM-DD, got "2026-02-30"/);
    const threshold = cli(file, '--state-threshold', 'abc');
    expect(threshold.status).toBe(2);
    expect(threshold.stderr).toMatch(/option --state-threshold: expected a number from 0 to 100/);
    const missing = cli(join(dir, 'does-not-exist.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });
});
