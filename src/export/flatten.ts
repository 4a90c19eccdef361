/**
 * Entity and stake attributes as flat scalar columns (GEXF, GraphML and CSV have no nested values): lists joined
 * with `;`, identifiers `scheme:value`, sanctions `AUTHORITY|program|listed|delisted`, provenance as
 * sourceDataset, sourceRecordId, sourceDate. The generic CSV importer reads the same layout back.
 */
import type { EntityAttributes, StakeAttributes } from '../domain/model.ts';
import type { Scalar } from './document.ts';

export function flattenEntity(a: EntityAttributes): Record<string, Scalar> {
  const out: Record<string, Scalar> = { kind: a.kind, name: a.name };
  if (a.aliases?.length) out.aliases = a.aliases.join(';');
  if (a.country) out.country = a.country;
  if (a.identifiers?.length) out.identifiers = a.identifiers.map((i) => `${i.scheme}:${i.value}`).join(';');
  if (a.sanctions?.length)
    out.sanctions = a.sanctions
      .map((s) => [s.authority, s.program, s.listed ?? '', s.delisted ?? ''].join('|').replace(/\|+$/, ''))
      .join(';');
  if (a.topics?.length) out.topics = a.topics.join(';');
  for (const field of [
    'governmentType',
    'lat',
    'lon',
    'powerMw',
    'hashratePhs',
    'category',
    'address',
    'illustrative',
  ] as const) {
    const v = a[field];
    if (v !== undefined) out[field] = v;
  }
  if (a.source?.dataset) out.sourceDataset = a.source.dataset;
  if (a.source?.recordId) out.sourceRecordId = a.source.recordId;
  if (a.source?.date) out.sourceDate = a.source.date;
  return out;
}

export function flattenStake(a: StakeAttributes): Record<string, Scalar> {
  const out: Record<string, Scalar> = { kind: a.kind };
  for (const field of [
    'percent',
    'percentMin',
    'percentMax',
    'votingPercent',
    'from',
    'to',
    'jointArrangement',
    'basis',
  ] as const) {
    const v = a[field];
    if (v !== undefined) out[field] = v;
  }
  if (a.source?.dataset) out.sourceDataset = a.source.dataset;
  if (a.source?.recordId) out.sourceRecordId = a.source.recordId;
  if (a.source?.date) out.sourceDate = a.source.date;
  return out;
}
