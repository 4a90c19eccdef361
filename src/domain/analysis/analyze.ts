/**
 * The entry point of the look-through engine: flags with explanations for every entity of an ownership graph
 * (analyzeGraph), or for one entity from its upstream subgraph only (explainEntity). Pure: no I/O, no clock; the
 * date is an option. The same code runs in the CLI, the server and the browser.
 */
import type { OwnershipGraph, SanctionListing } from '../model.ts';
import type { OwnershipSnapshot } from '../snapshot.ts';
import type { ControlResult } from './control.ts';
import { CONTROL_THRESHOLD, controlSteps } from './control.ts';
import { isIsoDate, listingActive } from './dates.ts';
import { ThresholdFixpoint, joinChain } from './fixpoint.ts';
import type { ColumnResult, RowResult } from './effective-ownership.ts';
import { RowPropagator, toPercent, upstreamOwners } from './effective-ownership.ts';
import type { GraphIndex, UpstreamSource } from './graph-index.ts';
import { indexGraph, indexSnapshotSteps, indexUpstream } from './graph-index.ts';
import { PrunedRows } from './pruned-rows.ts';
import {
  EDGE_OWNS,
  EPS_PERCENT,
  NODE_FACILITY,
  NODE_GOVERNMENT,
  NODE_SITE,
  SHARE_BANDED,
  SHARE_NONE,
  SHARE_OPERATOR,
  SHARE_UNKNOWN,
  reaches,
} from './graph-codes.ts';
import type { RawPath } from './paths.ts';
import { controlPaths, describeEdge, ownershipPaths, sortPaths } from './paths.ts';
import {
  CLOSE_PROXIMITY_KM,
  EXTENDED_RANGE_KM,
  SiteIndex,
  describeHit,
  kmToMiles,
  siteIndexFromGraph,
} from './proximity.ts';
import type { SitePoint } from './proximity.ts';
import type { SanctionsEvaluation } from './sanctions-rule.ts';
import { evaluateSanctions, isSanctioned } from './sanctions-rule.ts';
import type { StakeComponents } from './scc.ts';
import { stakeComponentSteps } from './scc.ts';
import type { StateGroups } from './state-ownership.ts';
import { edgeWeight } from './weights.ts';
import { DEFAULT_STATE_THRESHOLD, stateGroups, stateOwnershipSteps } from './state-ownership.ts';
import type { Steps } from './steps.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';
import { FLAGS, SANCTIONS_REGIMES } from './types.ts';
import type {
  AnalysisOptions,
  AnalysisResult,
  AnalysisSummary,
  DataWarningCode,
  EntityAnalysis,
  Explanation,
  ExplanationPath,
  Flag,
  NearestSite,
  SanctionsRegime,
} from './types.ts';

/** A direct holding at or above this share (percent) by a sanctioned party calls for review (OFAC FAQ 398). */
export const REVIEW_THRESHOLD = 25;

/** Options of explainEntity: those of analyzeGraph, plus a prebuilt site index (else built from the graph). */
export interface ExplainOptions extends AnalysisOptions {
  sites?: SiteIndex;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  rule: SanctionsRegime;
  asOf: string;
  stateThreshold: number;
  radiusKm: number;
  nearestCount: number;
  searchKm: number;
  maxPaths: number;
  minShare: number;
}

/** Checks the options and fills in defaults. Throws a RangeError naming the option when one is invalid. */
export function resolveAnalysisOptions(options: AnalysisOptions): ResolvedOptions {
  const { rule, asOf } = options;
  if (!(SANCTIONS_REGIMES as readonly string[]).includes(rule)) {
    throw new RangeError(`rule must be one of ${SANCTIONS_REGIMES.join(', ')}, got ${JSON.stringify(rule)}`);
  }
  if (typeof asOf !== 'string' || !isIsoDate(asOf)) {
    throw new RangeError(`asOf must be a date written YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  }
  const number = (name: string, value: number | undefined, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new RangeError(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const stateThreshold = number('stateThreshold', options.stateThreshold, DEFAULT_STATE_THRESHOLD, 0, 100);
  const radiusKm = number('radiusKm', options.radiusKm, CLOSE_PROXIMITY_KM, 0, 20_100);
  const nearestCount = Math.floor(number('nearestCount', options.nearestCount, 3, 0, 1000));
  const searchKm = Math.max(radiusKm, number('searchKm', options.searchKm, EXTENDED_RANGE_KM, 0, 20_100));
  const maxPaths = Math.floor(number('maxPaths', options.maxPaths, 20, 1, 10_000));
  const minShare = number('minShare', options.minShare, 1, 0, 100);
  return { rule, asOf, stateThreshold, radiusKm, nearestCount, searchKm, maxPaths, minShare };
}

/** Effective-ownership figures per entity for some holders, as CSR: entity -> (holder, min, max) fractions. */
interface OwnerTable {
  start: Int32Array;
  holder: Int32Array;
  min: Float64Array;
  max: Float64Array;
}

function buildOwnerTable(n: number, rows: readonly (readonly [number, RowResult])[]): OwnerTable {
  const start = new Int32Array(n + 1);
  let total = 0;
  for (const [, row] of rows) {
    total += row.nodes.length;
    for (const v of row.nodes) start[v + 1]!++;
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const holder = new Int32Array(total);
  const min = new Float64Array(total);
  const max = new Float64Array(total);
  for (const [h, row] of rows) {
    const nodes = row.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const at = fill[nodes[i]!]!++;
      holder[at] = h;
      min[at] = row.min[i]!;
      max[at] = row.max[i]!;
    }
  }
  return { start, holder, min, max };
}

function tableValue(table: OwnerTable, v: number, h: number): number {
  for (let k = table.start[v]!; k < table.start[v + 1]!; k++) if (table.holder[k] === h) return table.max[k]!;
  return 0;
}

interface Context {
  index: GraphIndex;
  opts: ResolvedOptions;
  comps: StakeComponents;
  fp: ThresholdFixpoint;
  sanctions: SanctionsEvaluation;
  control: ControlResult;
  groups: StateGroups;
  stateTable: OwnerTable;
  /** Whole graph: effective ownership by listed parties and governments; null for explainEntity. */
  interestTable: OwnerTable | null;
  notConverged: Uint8Array;
  closedCycle: Uint8Array;
  sites: SiteIndex | null;
  ukPaths: Map<number, { paths: RawPath[]; truncated: boolean }>;
}

const round9 = (x: number): number => Math.round(x * 1e9) / 1e9;
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pct = (x: number): string => `${Math.round(x * 100) / 100}%`;

function nameOf(ctx: Context, v: number): string {
  const name = ctx.index.attributes[v]!.name;
  return typeof name === 'string' && name !== '' ? name : ctx.index.keys[v]!;
}

function buildContext(index: GraphIndex, opts: ResolvedOptions, whole: boolean, sites: SiteIndex | null): Context {
  return runSteps(contextSteps(index, opts, whole, sites));
}

/** buildContext in steps (steps.ts): one per phase, per batch of governments and per listed party. */
function* contextSteps(
  index: GraphIndex,
  opts: ResolvedOptions,
  whole: boolean,
  sites: SiteIndex | null,
): Steps<Context> {
  yield;
  const comps = yield* stakeComponentSteps(index);
  const fp = new ThresholdFixpoint(index);
  const sanctions = evaluateSanctions(index, opts.rule, opts.asOf, fp);
  yield;
  const control = yield* controlSteps(index, fp);
  const groups = stateGroups(index, control);
  const propagator = new RowPropagator(index, comps);
  // Figures below minShare are not reported, but never below the state threshold (flags are decided on them).
  const stateFloor = Math.min(opts.minShare, opts.stateThreshold) / 100;
  const interestFloor = opts.minShare / 100;
  const stateRows = yield* stateOwnershipSteps(index, comps, groups, propagator, stateFloor);
  const notConverged = index.arena.u8(index.n);
  const stateEntries: [number, RowResult][] = [];
  for (const [r, row] of stateRows) {
    stateEntries.push([r, row]);
    for (const v of row.notConverged) notConverged[v] = 1;
  }
  const stateTable = buildOwnerTable(index.n, stateEntries);
  let interestTable: OwnerTable | null = null;
  if (whole) {
    // Effective owners of interest, each on its own: the parties listed under the regime. (Governments are
    // reported together with their state bodies in statePercent; a row per government would double the work.)
    // Only figures at or above minShare are reported: a pruned search gives the same rows (pruned-rows.ts).
    const entries: [number, RowResult][] = [];
    let pruned: PrunedRows | null = null;
    for (let v = 0; v < index.n; v++) {
      if (sanctions.listed[v] !== 1) continue;
      pruned ??= yield* PrunedRows.create(index, comps, interestFloor);
      const row = pruned.row(v) ?? propagator.propagate([v], interestFloor);
      for (const u of row.notConverged) notConverged[u] = 1;
      if (row.nodes.length > 0) entries.push([v, row]);
      yield;
    }
    interestTable = buildOwnerTable(index.n, entries);
  }
  // Cycles that nobody outside holds.
  const hasOutside = index.arena.u8(comps.count);
  for (let e = 0; e < index.m; e++) {
    if (index.share[e] === SHARE_NONE || !(index.pMax[e]! > 0)) continue;
    const cs = comps.comp[index.src[e]!]!;
    const ct = comps.comp[index.tgt[e]!]!;
    if (cs !== ct) hasOutside[ct] = 1;
  }
  const closedCycle = index.arena.u8(index.n);
  for (let v = 0; v < index.n; v++) {
    const c = comps.comp[v]!;
    if (comps.size[c]! > 1 && hasOutside[c] === 0) closedCycle[v] = 1;
  }
  const ctx: Context = {
    index,
    opts,
    comps,
    fp,
    sanctions,
    control,
    groups,
    stateTable,
    interestTable,
    notConverged,
    closedCycle,
    sites,
    ukPaths: new Map(),
  };
  if (opts.rule === 'uk') {
    const targets: number[] = [];
    const limit = whole ? index.n : 1;
    for (let v = 0; v < limit; v++) if (sanctions.owned[v] === 1 && sanctions.bestUnit[v]! >= 0) targets.push(v);
    yield;
    ctx.ukPaths = ukOwnershipPaths(ctx, targets);
  }
  return ctx;
}

/** UK explanations: re-runs each designated person's (or joint arrangement's) fixpoint once for its entities. */
function ukOwnershipPaths(ctx: Context, targets: number[]): Map<number, { paths: RawPath[]; truncated: boolean }> {
  const { index, sanctions } = ctx;
  const byUnit = new Map<number, number[]>();
  for (const v of targets) {
    const u = sanctions.bestUnit[v]!;
    let list = byUnit.get(u);
    if (list === undefined) byUnit.set(u, (list = []));
    list.push(v);
  }
  const out = new Map<number, { paths: RawPath[]; truncated: boolean }>();
  if (byUnit.size === 0) return out;
  const fp = ctx.fp;
  const { modeMin, modeMax } = sanctions;
  const w = (e: number): number => edgeWeight(index, e, modeMin);
  const levelOf = (v: number): number => fp.levelOf(v);
  const { threshold, strict } = sanctions.spec;
  for (const [u, list] of byUnit) {
    const unit = sanctions.units[u]!;
    const initial = sanctions.unitInitialEdges[u] ?? null;
    const initialSet = new Set(initial ?? []);
    if (unit.type === 'person') fp.run([unit.node], null, modeMin, false, threshold, strict);
    else fp.run([], initial, modeMin, false, threshold, strict);
    const bestInitialInto = (h: number): number => {
      let best = -1;
      for (const e of initial ?? []) {
        if (index.tgt[e] !== h) continue;
        if (best < 0 || w(e) > w(best) || (w(e) === w(best) && index.edgeKeys[e]! < index.edgeKeys[best]!)) best = e;
      }
      return best;
    };
    for (const v of list) {
      const paths: RawPath[] = [];
      for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
        const e = index.inEdges[k]!;
        if (!(w(e) > 0)) continue;
        const s = index.src[e]!;
        if (!fp.isMember(s) && !initialSet.has(e)) continue;
        const chain = fp.isMember(s) ? joinChain(index, levelOf, s, modeMin, false) : [];
        if (unit.type === 'joint' && fp.isMember(s)) {
          const head = chain.length > 0 ? index.src[chain[0]!]! : s;
          const first = bestInitialInto(head);
          if (first >= 0) chain.unshift(first);
        }
        paths.push({ edges: [...chain, e], share: w(e), shareMax: edgeWeight(index, e, modeMax) });
      }
      out.set(v, sortPaths(index, paths, ctx.opts.maxPaths));
    }
  }
  return out;
}

function toExplanationPaths(ctx: Context, raw: readonly RawPath[]): ExplanationPath[] {
  return raw.map((p) => {
    const path: ExplanationPath = {
      edges: p.edges.map((e) => describeEdge(ctx.index, e)),
      share: round9(p.share),
    };
    if (Math.abs(p.shareMax - p.share) > EPS_PERCENT) path.shareMax = round9(p.shareMax);
    return path;
  });
}

function withPaths(ctx: Context, explanation: Explanation, raw: { paths: RawPath[]; truncated: boolean }): Explanation {
  explanation.paths = toExplanationPaths(ctx, raw.paths);
  if (raw.truncated) explanation.pathsTruncated = true;
  return explanation;
}

function thresholdText(strict: boolean, threshold: number): string {
  return strict ? `more than ${threshold} percent` : `${threshold} percent or more`;
}

function listingExplanation(ctx: Context, v: number): Explanation {
  const key = ctx.index.keys[v]!;
  const spec = ctx.sanctions.spec;
  const all = ctx.index.attributes[v]!.sanctions ?? [];
  const listings: SanctionListing[] = all
    .filter((l) => spec.authorities.includes(l.authority) && listingActive(l, ctx.opts.asOf))
    .map((l) => ({ ...l }));
  const parts = listings.map(
    (l) => `${l.authority}${l.program ? ` (${l.program})` : ''}${l.listed ? ` since ${l.listed}` : ''}`,
  );
  return {
    flag: 'SANCTIONED',
    rule: `Listed by ${spec.authorities.join(' or ')}`,
    citation:
      spec.regime === 'ofac'
        ? 'OFAC Specially Designated Nationals and Blocked Persons List'
        : spec.regime === 'eu'
          ? 'EU consolidated list of persons subject to financial sanctions (EU and UN listings)'
          : 'UK sanctions list / OFSI consolidated list (UK and UN listings)',
    threshold: null,
    figure: null,
    summary: `${nameOf(ctx, v)} is listed by ${parts.join('; ')} as of ${ctx.opts.asOf}.`,
    holders: [key],
    listings,
    paths: [],
  };
}

function ownershipExplanation(ctx: Context, v: number): Explanation {
  const { index, sanctions, opts } = ctx;
  const spec = sanctions.spec;
  const figure = sanctions.figure[v]!;
  const figureMax = sanctions.figureMax[v]!;
  let raw: { paths: RawPath[]; truncated: boolean };
  let summary: string;
  if (spec.aggregation === 'aggregate') {
    const level = sanctions.blockedLevel;
    const levelOf = (u: number): number => level[u]!;
    const paths: RawPath[] = [];
    for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
      const e = index.inEdges[k]!;
      const s = index.src[e]!;
      const share = edgeWeight(index, e, sanctions.modeMin);
      if (!(share > 0) || level[s]! < 0) continue;
      paths.push({
        edges: [...joinChain(index, levelOf, s, sanctions.modeMin, false), e],
        share,
        shareMax: edgeWeight(index, e, sanctions.modeMax),
      });
    }
    raw = sortPaths(index, paths, opts.maxPaths);
    const holders = raw.paths
      .slice(0, 5)
      .map((p) => {
        const e = p.edges[p.edges.length - 1]!;
        const s = index.src[e]!;
        return `${nameOf(ctx, s)} ${pct(p.share)}${sanctions.listed[s] === 1 ? ' (listed)' : ' (itself owned under the rule)'}`;
      })
      .join(', ');
    const who = spec.regime === 'ofac' ? 'blocked persons' : 'designated persons and entities they own';
    summary = `${nameOf(ctx, v)} is owned ${pct(figure)} in the aggregate by ${who} (${spec.rule}: ${thresholdText(spec.strict, spec.threshold)}): ${holders}.`;
  } else {
    raw = ctx.ukPaths.get(v) ?? { paths: [], truncated: false };
    const unit = sanctions.units[sanctions.bestUnit[v]!];
    const by =
      unit === undefined
        ? 'a designated person'
        : unit.type === 'person'
          ? `designated person ${nameOf(ctx, unit.node)}`
          : `designated persons under joint arrangement "${index.jointNames[unit.arrangement]}"`;
    summary = `${by[0]!.toUpperCase()}${by.slice(1)} hold${unit?.type === 'person' ? 's' : ''} ${pct(figure)} of the shares or voting rights of ${nameOf(ctx, v)}, directly and through entities owned (${thresholdText(spec.strict, spec.threshold)}).`;
  }
  const explanation: Explanation = {
    flag: 'SANCTIONED_OWNERSHIP',
    rule: spec.rule,
    citation: spec.citation,
    threshold: spec.threshold,
    comparison: spec.strict ? '>' : '>=',
    figure: round9(figure),
    summary,
    holders: holdersOf(ctx, raw.paths),
    paths: [],
  };
  if (Math.abs(figureMax - figure) > EPS_PERCENT) explanation.figureMax = round9(figureMax);
  return withPaths(ctx, explanation, raw);
}

/** Keys of the holders at the start of each path (deduplicated, in path order). */
function holdersOf(ctx: Context, paths: readonly RawPath[]): string[] {
  const seen = new Set<string>();
  for (const p of paths) seen.add(ctx.index.keys[ctx.index.src[p.edges[0]!]!]!);
  return [...seen];
}

function reviewExplanation(ctx: Context, v: number, controllers: number[], holders: Map<number, number>): Explanation {
  const { index, sanctions, opts } = ctx;
  const spec = sanctions.spec;
  const paths: RawPath[] = [];
  let truncated = false;
  for (const c of controllers) {
    const cp = controlPaths(index, ctx.control, c, v, opts.maxPaths);
    paths.push(...cp.paths);
    truncated ||= cp.truncated;
  }
  let figure = 0;
  for (const [s, stake] of holders) {
    if (stake > figure) figure = stake;
    for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
      const e = index.inEdges[k]!;
      const share = edgeWeight(index, e, sanctions.modeMin);
      if (index.src[e] === s && share > 0) {
        paths.push({ edges: [e], share, shareMax: edgeWeight(index, e, sanctions.modeMax) });
      }
    }
  }
  const sorted = sortPaths(index, paths, opts.maxPaths);
  const parts: string[] = [];
  if (controllers.length > 0) parts.push(`controlled by ${controllers.map((c) => nameOf(ctx, c)).join(', ')}`);
  if (holders.size > 0) {
    parts.push(`held directly ${[...holders].map(([s, stake]) => `${pct(stake)} by ${nameOf(ctx, s)}`).join(', ')}`);
  }
  const citation =
    spec.regime === 'ofac'
      ? 'OFAC FAQ 398 (control is not ownership, but calls for caution); Revised Guidance of 13 August 2014'
      : spec.regime === 'eu'
        ? 'EU Council Best Practices, update of July 2024 (criteria of control)'
        : 'OFSI General Guidance for Financial Sanctions, chapter 4 (control test)';
  const keys = new Set<string>([
    ...controllers.map((c) => index.keys[c]!),
    ...[...holders.keys()].map((s) => index.keys[s]!),
  ]);
  // The threshold is about direct stakes; control by a sanctioned party needs no figure.
  const byStake = holders.size > 0;
  const explanation: Explanation = {
    flag: 'SANCTIONED_CONTROL_REVIEW',
    rule: `Control by a sanctioned party, or a direct stake of ${REVIEW_THRESHOLD} percent or more, without ownership under the ${spec.rule}`,
    citation,
    threshold: byStake ? REVIEW_THRESHOLD : null,
    figure: byStake ? round9(figure) : null,
    summary: `${nameOf(ctx, v)} is not owned under the ${spec.rule} (${pct(sanctions.figure[v]!)}), but is ${parts.join(' and ')}: review before dealing.`,
    holders: [...keys],
    paths: [],
  };
  if (byStake) explanation.comparison = '>=';
  return withPaths(ctx, explanation, { paths: sorted.paths, truncated: truncated || sorted.truncated });
}

function stateControlExplanation(ctx: Context, v: number, root: number): Explanation {
  const { index, control, opts } = ctx;
  let figure = 0;
  for (let k = control.start[v]!; k < control.start[v + 1]!; k++)
    if (control.controllers[k] === root) figure = control.figure[k]!;
  const raw = controlPaths(index, control, root, v, opts.maxPaths);
  const explicitOnly = !reaches(figure, CONTROL_THRESHOLD, true);
  return withPaths(
    ctx,
    {
      flag: 'STATE_CONTROL',
      rule: 'Majority-control fixpoint (own votes plus votes of controlled entities > 50%) or explicit control relation',
      citation: '31 CFR 800.208 (control); OFSI General Guidance chapter 4; EU Council Best Practices (July 2024)',
      threshold: CONTROL_THRESHOLD,
      comparison: '>',
      figure: round9(figure),
      summary: explicitOnly
        ? `${nameOf(ctx, root)} controls ${nameOf(ctx, v)} through an explicit control relation (${pct(figure)} of the votes held).`
        : `${nameOf(ctx, root)} controls ${nameOf(ctx, v)}: with the entities it controls it holds ${pct(figure)} of the votes (more than 50 percent).`,
      holders: [index.keys[root]!],
      paths: [],
    },
    raw,
  );
}

function stateOwnershipExplanation(
  ctx: Context,
  v: number,
  root: number,
  min: number,
  max: number,
  member: boolean,
): Explanation {
  const { index, opts } = ctx;
  const members = new Set(ctx.groups.members.get(root) ?? [root]);
  const raw = member
    ? controlPaths(index, ctx.control, root, v, opts.maxPaths)
    : ownershipPaths(
        index,
        v,
        (s) => members.has(s),
        (s) => tableValue(ctx.stateTable, s, root) > 0,
        opts.maxPaths,
      );
  const explanation: Explanation = {
    flag: 'STATE_OWNERSHIP',
    rule: `Effective state ownership of ${opts.stateThreshold} percent or more (sum over paths of the product of shares)`,
    citation:
      '31 CFR 800.244 (25 percent voting interest; foreign government 49 percent); integrated ownership X = B (I - A)^-1',
    threshold: opts.stateThreshold,
    comparison: '>=',
    figure: round9(min),
    summary: member
      ? `${nameOf(ctx, v)} is a state body controlled by ${nameOf(ctx, root)}, counted as part of it (100%).`
      : `${nameOf(ctx, root)} owns ${pct(min)} of ${nameOf(ctx, v)} through ${raw.paths.length}${raw.truncated ? '+' : ''} path(s) (effective ownership, cross-holdings included).`,
    holders: [index.keys[root]!],
    paths: [],
  };
  if (Math.abs(max - min) > EPS_PERCENT) explanation.figureMax = round9(max);
  return withPaths(ctx, explanation, raw);
}

function warning(code: DataWarningCode, rule: string, summary: string, extra: Partial<Explanation> = {}): Explanation {
  return {
    flag: 'DATA_WARNING',
    rule,
    citation: 'Data quality (shown, not hidden)',
    threshold: null,
    figure: null,
    summary,
    paths: [],
    warning: code,
    ...extra,
  };
}

function dataWarnings(ctx: Context, v: number, undecided: Explanation[]): Explanation[] {
  const { index } = ctx;
  // A first pass without allocation: most entities have nothing to report.
  let sum = 0;
  let banded = false;
  let unknown = false;
  for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
    const e = index.inEdges[k]!;
    const share = index.share[e];
    if (index.edgeKind[e] === EDGE_OWNS) sum += index.pMin[e]!;
    if (share === SHARE_BANDED) banded = true;
    else if (share === SHARE_UNKNOWN) unknown = true;
  }
  const over = sum > 100 + EPS_PERCENT;
  const operators = index.operatorOwners[v]!;
  if (!over && !banded && !unknown && ctx.closedCycle[v] !== 1 && ctx.notConverged[v] !== 1 && operators <= 1) {
    return undecided;
  }
  const edgesWhere = (keep: (e: number) => boolean): { paths: RawPath[]; truncated: boolean } => {
    const paths: RawPath[] = [];
    for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
      const e = index.inEdges[k]!;
      if (keep(e)) paths.push({ edges: [e], share: index.pMin[e]!, shareMax: index.pMax[e]! });
    }
    return sortPaths(index, paths, ctx.opts.maxPaths);
  };
  const out: Explanation[] = [];
  const name = nameOf(ctx, v);
  if (over) {
    out.push(
      withPaths(
        ctx,
        warning(
          'OVER_100',
          'Recorded stakes into one entity add up to more than 100 percent',
          `Stakes recorded in ${name} add up to ${pct(sum)}.`,
          {
            threshold: 100,
            comparison: '>',
            figure: round9(sum),
          },
        ),
        edgesWhere((e) => index.edgeKind[e] === EDGE_OWNS),
      ),
    );
  }
  if (banded) {
    const raw = edgesWhere((e) => index.share[e] === SHARE_BANDED);
    out.push(
      withPaths(
        ctx,
        warning(
          'BANDED_SHARE',
          'Share known only as a band',
          `${raw.paths.length} stake(s) in ${name} are known only as a band; flags are decided on the lower ends.`,
        ),
        raw,
      ),
    );
  }
  if (unknown) {
    const raw = edgesWhere((e) => index.share[e] === SHARE_UNKNOWN);
    out.push(
      withPaths(
        ctx,
        warning(
          'UNKNOWN_SHARE',
          'Share not recorded (counted as 0 to 100 percent)',
          `${raw.paths.length} stake(s) in ${name} have no recorded share.`,
        ),
        raw,
      ),
    );
  }
  if (ctx.closedCycle[v] === 1) {
    const comp = ctx.comps.comp;
    out.push(
      withPaths(
        ctx,
        warning(
          'CLOSED_CYCLE',
          'Ownership cycle with no outside holder',
          `${name} is held only within an ownership cycle that no one outside the cycle holds: no ultimate owner is recorded.`,
        ),
        edgesWhere((e) => index.share[e] !== SHARE_NONE && comp[index.src[e]!] === comp[v]),
      ),
    );
  }
  if (ctx.notConverged[v] === 1) {
    out.push(
      warning(
        'NOT_CONVERGED',
        'Cross-holding series does not converge',
        `Effective ownership of ${name} runs through a cycle whose stakes add up to 100 percent or more; figures are capped at 100.`,
      ),
    );
  }
  if (operators > 1) {
    out.push(
      withPaths(
        ctx,
        warning(
          'MULTIPLE_OPERATORS',
          'Several operators of a facility with no recorded owner',
          `${name} has no recorded owner and ${operators} operators, who share the implied 100 percent equally.`,
          {
            figure: operators,
          },
        ),
        edgesWhere((e) => index.share[e] === SHARE_OPERATOR),
      ),
    );
  }
  out.push(...undecided);
  return out;
}

function pushFlag(flags: Flag[], flag: Flag): void {
  if (!flags.includes(flag)) flags.push(flag);
}

/**
 * Empty collections shared by all entities that have nothing to report: a million-entity analysis would
 * otherwise retain millions of empty arrays and objects. Frozen: analysis results are read-only values.
 */
const EMPTY_LIST: readonly never[] = Object.freeze([]);
const EMPTY_RECORD: Record<string, number> = Object.freeze(newRecord());
function emptyList<T>(): T[] {
  return EMPTY_LIST as unknown as T[];
}
/**
 * A record keyed by node keys. Created without a prototype, which V8 keeps as a hash table from the start: records
 * of holder keys differ from entity to entity, and growing ordinary objects key by key would create a new hidden
 * class for every combination (measured as the largest cost of assembling a whole-graph result).
 */
function newRecord(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

function emptyRecord(): Record<string, number> {
  return EMPTY_RECORD;
}

/** quietness(): nothing to report. */
const QUIET = 0;
/** quietness(): nothing to report but controllers that are neither governments nor sanctioned parties. */
const CONTROLLED = 1;
/** quietness(): something else to report (assemble). */
const NOTABLE = 2;

/**
 * What node v has to report: QUIET (no flag, warning, controller, owner of interest, state share or site),
 * CONTROLLED (only controllers, none of them a government or a sanctioned party: most entities of a large register,
 * held by a majority holder), or NOTABLE.
 */
function quietness(ctx: Context, v: number): number {
  const { index, sanctions, control, groups } = ctx;
  if (sanctions.listed[v] === 1 || sanctions.owned[v] === 1 || sanctions.ownedMax[v] === 1) return NOTABLE;
  if (ctx.stateTable.start[v] !== ctx.stateTable.start[v + 1]) return NOTABLE;
  const root = groups.root[v]!;
  if (root >= 0 && root !== v) return NOTABLE;
  const table = ctx.interestTable;
  if (table !== null && table.start[v] !== table.start[v + 1]) return NOTABLE;
  if (index.kind[v] === NODE_FACILITY && ctx.sites !== null && !Number.isNaN(index.lat[v]!)) return NOTABLE;
  if (ctx.closedCycle[v] === 1 || ctx.notConverged[v] === 1 || index.operatorOwners[v]! > 1) return NOTABLE;
  let sum = 0;
  for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
    const e = index.inEdges[k]!;
    const share = index.share[e];
    if (share === SHARE_BANDED || share === SHARE_UNKNOWN) return NOTABLE;
    if (index.edgeKind[e] === EDGE_OWNS) sum += index.pMin[e]!;
    if (isSanctioned(sanctions, index.src[e]!) && edgeWeight(index, e, sanctions.modeMin) > 0) return NOTABLE;
  }
  if (sum > 100 + EPS_PERCENT) return NOTABLE;
  // Controllers: assemble flags state controllers (STATE_CONTROL) and sanctioned ones (review).
  const cEnd = control.start[v + 1]!;
  for (let k = control.start[v]!; k < cEnd; k++) {
    const c = control.controllers[k]!;
    if (index.kind[c] === NODE_GOVERNMENT && groups.root[c]! >= 0 && groups.root[c] !== v) return NOTABLE;
    if (isSanctioned(sanctions, c)) return NOTABLE;
  }
  return cEnd === control.start[v] ? QUIET : CONTROLLED;
}

/** The analysis of a QUIET or CONTROLLED node: what assemble gives it, without its collections. */
function quietAnalysis(ctx: Context, v: number, controlled: boolean): EntityAnalysis {
  const { index, control } = ctx;
  const key = index.keys[v]!;
  const attributes = index.attributes[v]!;
  const figure = round9(ctx.sanctions.figure[v]!);
  const figureMax = round9(ctx.sanctions.figureMax[v]!);
  let controlledBy: string[] = emptyList();
  if (controlled) {
    controlledBy = [];
    for (let k = control.start[v]!; k < control.start[v + 1]!; k++)
      controlledBy.push(index.keys[control.controllers[k]!]!);
    if (controlledBy.length > 1) controlledBy.sort(compareKeys);
  }
  const result: EntityAnalysis = {
    key,
    kind: attributes.kind,
    name: attributes.name,
    flags: emptyList(),
    sanctionedPercent: figure,
    effectiveOwners: emptyRecord(),
    controlledBy,
    stateControlledBy: emptyList(),
    statePercent: emptyRecord(),
    explanation: emptyList(),
  };
  if (Math.abs(figureMax - figure) > EPS_PERCENT) result.sanctionedPercentMax = figureMax;
  return result;
}

/** Builds the analysis of node v. `column`: explainEntity's full upstream owners of v. */
function assemble(ctx: Context, v: number, column: ColumnResult | null): EntityAnalysis {
  const { index, sanctions, control, groups, opts } = ctx;
  const key = index.keys[v]!;
  const attributes = index.attributes[v]!;
  const flags: Flag[] = [];
  const explanation: Explanation[] = [];
  const undecided: Explanation[] = [];
  const spec = sanctions.spec;

  if (sanctions.listed[v] === 1) {
    flags.push('SANCTIONED');
    explanation.push(listingExplanation(ctx, v));
  }
  const owned = sanctions.owned[v] === 1;
  if (owned) {
    flags.push('SANCTIONED_OWNERSHIP');
    explanation.push(ownershipExplanation(ctx, v));
  } else if (sanctions.ownedMax[v] === 1) {
    undecided.push(
      warning(
        'BAND_UNDECIDED',
        `${spec.rule}: decided on the lower ends of banded shares`,
        `On the lower ends of banded shares sanctioned parties hold ${pct(sanctions.figure[v]!)} of ${nameOf(ctx, v)}, on the upper ends ${pct(sanctions.figureMax[v]!)}: the ${spec.rule} (${thresholdText(spec.strict, spec.threshold)}) may apply.`,
        {
          threshold: spec.threshold,
          comparison: spec.strict ? '>' : '>=',
          figure: round9(sanctions.figure[v]!),
          figureMax: round9(sanctions.figureMax[v]!),
        },
      ),
    );
  }

  // Controllers. Most entities of a large register have one (a majority holder) and nothing else to report, so
  // the sets, maps and sorted lists below are only made when there is something to put in them: a million
  // entities otherwise leave millions of short-lived collections to the garbage collector.
  const cStart = control.start[v]!;
  const cEnd = control.start[v + 1]!;
  let controlledBy: string[] = emptyList();
  let stateControllers: number[] = emptyList();
  let sanctionedControllers: number[] | null = null;
  if (cEnd > cStart) {
    controlledBy = [];
    let stateRoots: Set<number> | null = null;
    for (let k = cStart; k < cEnd; k++) {
      const c = control.controllers[k]!;
      controlledBy.push(index.keys[c]!);
      if (index.kind[c] === NODE_GOVERNMENT && groups.root[c]! >= 0 && groups.root[c] !== v) {
        (stateRoots ??= new Set()).add(groups.root[c]!);
      }
      if (!owned && isSanctioned(sanctions, c)) (sanctionedControllers ??= []).push(c);
    }
    controlledBy.sort(compareKeys);
    if (stateRoots !== null)
      stateControllers = [...stateRoots].sort((a, b) => compareKeys(index.keys[a]!, index.keys[b]!));
    sanctionedControllers?.sort((a, b) => compareKeys(index.keys[a]!, index.keys[b]!));
  }

  // Review: sanctioned controllers or direct sanctioned stakes >= 25 without ownership under the rule.
  if (!owned) {
    let direct: Map<number, number> | null = null;
    for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
      const e = index.inEdges[k]!;
      const s = index.src[e]!;
      if (s === v || !isSanctioned(sanctions, s)) continue;
      const w = edgeWeight(index, e, sanctions.modeMin);
      if (!(w > 0)) continue;
      direct ??= new Map();
      direct.set(s, (direct.get(s) ?? 0) + w);
    }
    if (direct !== null)
      for (const [s, stake] of direct) if (!reaches(stake, REVIEW_THRESHOLD, false)) direct.delete(s);
    if (sanctionedControllers !== null || (direct !== null && direct.size > 0)) {
      flags.push('SANCTIONED_CONTROL_REVIEW');
      explanation.push(reviewExplanation(ctx, v, sanctionedControllers ?? [], direct ?? new Map<number, number>()));
    }
  }

  if (stateControllers.length > 0) {
    flags.push('STATE_CONTROL');
    for (const r of stateControllers) explanation.push(stateControlExplanation(ctx, v, r));
  }

  // State ownership.
  let statePercent: Record<string, number> = emptyRecord();
  let statePercentMax: Record<string, number> | undefined;
  const root = groups.root[v]!;
  const st = ctx.stateTable;
  if ((root >= 0 && root !== v) || st.start[v] !== st.start[v + 1]) {
    const stateEntries: [number, number, number, boolean][] = [];
    if (root >= 0 && root !== v) stateEntries.push([root, 1, 1, true]);
    for (let k = st.start[v]!; k < st.start[v + 1]!; k++)
      stateEntries.push([st.holder[k]!, st.min[k]!, st.max[k]!, false]);
    stateEntries.sort((a, b) => b[1] - a[1] || compareKeys(index.keys[a[0]]!, index.keys[b[0]]!));
    statePercent = newRecord();
    for (const [r, min, max, member] of stateEntries) {
      const rk = index.keys[r]!;
      const minP = toPercent(min);
      const maxP = toPercent(max);
      statePercent[rk] = minP;
      if (Math.abs(maxP - minP) > EPS_PERCENT) (statePercentMax ??= newRecord())[rk] = maxP;
      if (reaches(minP, opts.stateThreshold, false)) {
        pushFlag(flags, 'STATE_OWNERSHIP');
        explanation.push(stateOwnershipExplanation(ctx, v, r, minP, maxP, member));
      } else if (reaches(maxP, opts.stateThreshold, false)) {
        undecided.push(
          warning(
            'BAND_UNDECIDED',
            'Effective state ownership: decided on the lower ends of banded shares',
            `${nameOf(ctx, r)} owns ${pct(minP)} of ${nameOf(ctx, v)} on the lower ends of banded shares and ${pct(maxP)} on the upper ends (threshold ${opts.stateThreshold}%).`,
            { threshold: opts.stateThreshold, comparison: '>=', figure: minP, figureMax: maxP, holders: [rk] },
          ),
        );
      }
    }
  }

  // Proximity.
  let nearestSites: NearestSite[] | undefined;
  if (
    index.kind[v] === NODE_FACILITY &&
    ctx.sites !== null &&
    !Number.isNaN(index.lat[v]!) &&
    !Number.isNaN(index.lon[v]!)
  ) {
    const hits = ctx.sites.nearest(index.lat[v]!, index.lon[v]!, opts.nearestCount, opts.searchKm);
    nearestSites = hits.map(describeHit);
    const first = hits[0];
    if (first !== undefined && first.distanceKm <= opts.radiusKm + 1e-9) {
      flags.push('NEAR_SENSITIVE_SITE');
      const within = hits.filter((h) => h.distanceKm <= opts.radiusKm + 1e-9);
      explanation.push({
        flag: 'NEAR_SENSITIVE_SITE',
        rule: `Within ${round9(opts.radiusKm)} km (${round9(kmToMiles(opts.radiusKm))} mi) of a sensitive site (haversine great-circle distance)`,
        citation: '31 CFR 802.203 (close proximity: one mile); 31 CFR 802.227 (military installations)',
        threshold: opts.radiusKm,
        comparison: '<=',
        figure: Math.round(first.distanceKm * 1000) / 1000,
        summary: `${nameOf(ctx, v)} is ${Math.round(first.distanceKm * 1000) / 1000} km (${Math.round(kmToMiles(first.distanceKm) * 1000) / 1000} mi) from ${first.site.name}${first.site.category ? ` (${first.site.category})` : ''}.`,
        holders: within.map((h) => h.site.key),
        paths: [],
      });
    }
  }

  const warnings = dataWarnings(ctx, v, undecided);
  if (warnings.length > 0) {
    flags.push('DATA_WARNING');
    explanation.push(...warnings);
  }

  // Effective owners.
  let effectiveOwners: Record<string, number> = emptyRecord();
  let effectiveOwnersMax: Record<string, number> | undefined;
  let ultimateOwners: string[] | undefined;
  // Holders with their lower and upper figures at positions [from, to) of these lists.
  let owners: { holder: Int32Array; min: Float64Array; max: Float64Array; from: number; to: number } | null = null;
  if (column !== null) {
    owners = { holder: column.holders, min: column.min, max: column.max, from: 0, to: column.holders.length };
    ultimateOwners = [];
    for (const h of column.holders) {
      let held = false;
      for (let k = index.inStart[h]!; k < index.inStart[h + 1]! && !held; k++) {
        const e = index.inEdges[k]!;
        if (index.share[e] !== SHARE_NONE && index.pMax[e]! > 0) held = true;
      }
      if (!held) ultimateOwners.push(index.keys[h]!);
    }
    // The default order of strings is compareKeys' (UTF-16 code units), without calling back for each comparison.
    ultimateOwners.sort();
  } else if (ctx.interestTable !== null) {
    const t = ctx.interestTable;
    owners = { holder: t.holder, min: t.min, max: t.max, from: t.start[v]!, to: t.start[v + 1]! };
  }
  if (owners !== null && owners.to > owners.from) {
    const { holder, min, max } = owners;
    effectiveOwners = newRecord();
    for (const k of byShareThenKey(index.keys, holder, min, owners.from, owners.to)) {
      const hk = index.keys[holder[k]!]!;
      const minP = toPercent(min[k]!);
      const maxP = toPercent(max[k]!);
      effectiveOwners[hk] = minP;
      if (Math.abs(maxP - minP) > EPS_PERCENT) (effectiveOwnersMax ??= newRecord())[hk] = maxP;
    }
  }

  const figure = round9(sanctions.figure[v]!);
  const figureMax = round9(sanctions.figureMax[v]!);
  const result: EntityAnalysis = {
    key,
    kind: attributes.kind,
    name: attributes.name,
    flags: flags.length > 0 ? FLAGS.filter((f) => flags.includes(f)) : emptyList(),
    sanctionedPercent: figure,
    effectiveOwners,
    controlledBy,
    stateControlledBy: stateControllers.length > 0 ? stateControllers.map((r) => index.keys[r]!) : emptyList(),
    statePercent,
    explanation: explanation.length > 0 ? explanation : emptyList(),
  };
  if (Math.abs(figureMax - figure) > EPS_PERCENT) result.sanctionedPercentMax = figureMax;
  if (effectiveOwnersMax !== undefined) result.effectiveOwnersMax = effectiveOwnersMax;
  if (ultimateOwners !== undefined) result.ultimateOwners = ultimateOwners;
  if (statePercentMax !== undefined) result.statePercentMax = statePercentMax;
  if (nearestSites !== undefined) result.nearestSites = nearestSites;
  return result;
}

/**
 * Positions from .. to - 1 of a list of holders and their shares, in the order of the reports: largest share first,
 * ties by holder key. explainEntity reports every upstream holder, hundreds for a facility of a large register, and
 * Array.prototype.sort calling a comparator back took 0.25 ms for 500 of them (60 ns a comparison); the typed
 * array's own numeric sort takes a tenth of that. So the shares are sorted as numbers, each position is put in the
 * run of its share (found by binary search), and only runs of equal shares are sorted by key: the one order that
 * comparing share then key gives (keys are unique).
 */
function byShareThenKey(
  keys: readonly string[],
  holder: Int32Array,
  share: Float64Array,
  from: number,
  to: number,
): Int32Array {
  const count = to - from;
  const byKey = (a: number, b: number): number => compareKeys(keys[holder[a]!]!, keys[holder[b]!]!);
  const order = new Int32Array(count);
  const sorted = share.slice(from, to).sort();
  if (count > 0 && Number.isNaN(sorted[count - 1]!)) {
    // Not expected (figures are capped), but NaN has no place in a numeric order: compare as the reports did.
    for (let i = 0; i < count; i++) order[i] = from + i;
    return order.sort((a, b) => share[b]! - share[a]! || byKey(a, b));
  }
  // Ascending positions [i, runEnd[i]) hold one value; placed[i] counts the positions put in that run so far.
  const runEnd = new Int32Array(count);
  for (let i = count - 1; i >= 0; i--)
    runEnd[i] = i + 1 < count && sorted[i + 1] === sorted[i] ? runEnd[i + 1]! : i + 1;
  const placed = new Int32Array(count);
  for (let k = from; k < to; k++) {
    const x = share[k]!;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    // Descending: the run of ascending positions [lo, end) is at count - end .. count - lo - 1.
    order[count - runEnd[lo]! + placed[lo]!++] = k;
  }
  for (let i = 0; i < count;) {
    let j = i + 1;
    while (j < count && share[order[j]!] === share[order[i]!]) j++;
    if (j - i > 1) order.subarray(i, j).sort(byKey);
    i = j;
  }
  return order;
}

function sitesOfIndex(index: GraphIndex): SiteIndex {
  const sites: SitePoint[] = [];
  for (let v = 0; v < index.n; v++) {
    if (index.kind[v] !== NODE_SITE || Number.isNaN(index.lat[v]!) || Number.isNaN(index.lon[v]!)) continue;
    const key = index.keys[v]!;
    const a = index.attributes[v]!;
    const site: SitePoint = { key, name: a.name, lat: index.lat[v]!, lon: index.lon[v]! };
    if (a.category !== undefined) site.category = a.category;
    sites.push(site);
  }
  return new SiteIndex(sites);
}

/**
 * Analyses every entity of the graph as of `options.asOf` under the sanctions regime `options.rule`:
 * - SANCTIONED: listed by the regime's authorities at the date (OFAC; EU + UN; UK + UN).
 * - SANCTIONED_OWNERSHIP: owned under the regime's ownership rule (OFAC 50 Percent Rule, FAQs 398-402 and revised
 *   guidance of 13 August 2014; EU Council best practices, update July 2024; OFSI general guidance ch. 4).
 * - SANCTIONED_CONTROL_REVIEW: a sanctioned party controls it or directly holds 25 percent or more, without
 *   ownership under the rule (OFAC FAQ 398).
 * - STATE_CONTROL / STATE_OWNERSHIP: a government controls it / owns at least `stateThreshold` percent of it
 *   effectively (31 CFR 800.208, 800.244).
 * - NEAR_SENSITIVE_SITE: a facility within `radiusKm` of a sensitive site (31 CFR 802.203).
 * - DATA_WARNING: stakes over 100 percent, banded or unknown shares, closed cycles, non-convergence, ...
 * Each flag carries its explanation (rule, threshold, figure, paths with each edge's provenance). Effective owners
 * are reported for holders of interest only: parties listed under the regime, and governments (statePercent), at
 * or above `minShare` (all upstream owners of one entity: explainEntity). Runs on a compact index: O(n + m) per rule plus the propagation from each holder
 * of interest over its downstream subgraph. With `keep`, only the analyses it accepts are kept in `entities` (the
 * flag counts still count every entity).
 */
export function analyzeGraph(
  graph: OwnershipGraph,
  options: AnalysisOptions,
  keep?: (analysis: EntityAnalysis) => boolean,
): AnalysisResult {
  return collect((visit) => analyzeGraphEach(graph, options, visit), keep);
}

/**
 * analyzeGraph for a snapshot, without building a graphology graph first: the same result as
 * `analyzeGraph(fromSnapshot(snapshot), options)` (edges without a key are keyed `#<position>`), in less time and
 * memory for large files. Expects a validated snapshot (validate-snapshot.ts). With `keep`, only the analyses it
 * accepts are kept in `entities` (the flag counts still count every entity).
 */
export function analyzeSnapshot(
  snapshot: OwnershipSnapshot,
  options: AnalysisOptions,
  keep?: (analysis: EntityAnalysis) => boolean,
): AnalysisResult {
  return runSteps(analyzeSnapshotKeepingSteps(snapshot, options, keep));
}

/**
 * analyzeGraph without keeping the results: hands each entity's analysis to `visit` as soon as it is assembled
 * (in node order) and returns the options used and the flag counts. The same analyses as analyzeGraph, for callers
 * that keep only part of them (the flagged ones, a table of figures) or write them out as they come: a
 * million-entity result then never has to be held in memory at once.
 */
export function analyzeGraphEach(
  graph: OwnershipGraph,
  options: AnalysisOptions,
  visit: (analysis: EntityAnalysis) => void,
): AnalysisSummary {
  const opts = resolveAnalysisOptions(options);
  return runSteps(analyzeIndexSteps(indexGraph(graph, opts.asOf, true), opts, options.entities ?? 'all', visit));
}

/** analyzeSnapshot without keeping the results: see analyzeGraphEach. */
export function analyzeSnapshotEach(
  snapshot: OwnershipSnapshot,
  options: AnalysisOptions,
  visit: (analysis: EntityAnalysis) => void,
): AnalysisSummary {
  return runSteps(analyzeSnapshotSteps(snapshot, options, visit));
}

/**
 * analyzeSnapshotEach in steps (steps.ts): the same analyses handed to `visit` in the same order, the work cut
 * into pieces of a few milliseconds (a phase of the engine, a batch of governments, one listed party's row, about a
 * thousand nodes or edges of a loop), so that a caller can let other work run between them: the server ranks a
 * million entities (about fifteen seconds of one thread) while it keeps answering requests. Each `next()` does one
 * piece; the result is the summary analyzeSnapshotEach returns.
 */
export function* analyzeSnapshotSteps(
  snapshot: OwnershipSnapshot,
  options: AnalysisOptions,
  visit: (analysis: EntityAnalysis) => void,
): Steps<AnalysisSummary> {
  const opts = resolveAnalysisOptions(options);
  const index = yield* indexSnapshotSteps(snapshot, opts.asOf, true);
  return yield* analyzeIndexSteps(index, opts, options.entities ?? 'all', visit);
}

/**
 * analyzeSnapshot in steps (see analyzeSnapshotSteps): the same result, keeping the analyses `keep` accepts (all
 * without it).
 */
export function* analyzeSnapshotKeepingSteps(
  snapshot: OwnershipSnapshot,
  options: AnalysisOptions,
  keep?: (analysis: EntityAnalysis) => boolean,
): Steps<AnalysisResult> {
  const kept = keeping(keep);
  return resultOf(yield* analyzeSnapshotSteps(snapshot, options, kept.visit), kept.entities);
}

function collect(
  run: (visit: (analysis: EntityAnalysis) => void) => AnalysisSummary,
  keep?: (analysis: EntityAnalysis) => boolean,
): AnalysisResult {
  const kept = keeping(keep);
  return resultOf(run(kept.visit), kept.entities);
}

/** A visitor that keeps the analyses `keep` accepts (all without it), and what it kept, by key. */
function keeping(keep?: (analysis: EntityAnalysis) => boolean): {
  entities: Record<string, EntityAnalysis>;
  visit: (analysis: EntityAnalysis) => void;
} {
  const entities: Record<string, EntityAnalysis> = {};
  return {
    entities,
    visit: (analysis) => {
      if (keep === undefined || keep(analysis)) entities[analysis.key] = analysis;
    },
  };
}

function resultOf(summary: AnalysisSummary, entities: Record<string, EntityAnalysis>): AnalysisResult {
  return {
    rule: summary.rule,
    asOf: summary.asOf,
    stateThreshold: summary.stateThreshold,
    radiusKm: summary.radiusKm,
    entities,
    flagCounts: summary.flagCounts,
  };
}

function* analyzeIndexSteps(
  index: GraphIndex,
  opts: ResolvedOptions,
  which: 'all' | 'notable',
  visit: (analysis: EntityAnalysis) => void,
): Steps<AnalysisSummary> {
  const flagCounts = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
  const all = which === 'all';
  let reported = 0;
  try {
    const ctx = yield* contextSteps(index, opts, true, sitesOfIndex(index));
    for (let v = 0; v < index.n; v++) {
      if (v % STEP_ITEMS === STEP_ITEMS - 1) yield;
      const what = quietness(ctx, v);
      if (!all && what === QUIET && !(ctx.sanctions.figureMax[v]! > 0)) continue;
      const analysis = what === NOTABLE ? assemble(ctx, v, null) : quietAnalysis(ctx, v, what === CONTROLLED);
      for (const f of analysis.flags) flagCounts[f]++;
      reported++;
      visit(analysis);
    }
  } finally {
    // No analysis points into the index's typed arrays: its buffer can serve the next whole-graph analysis.
    index.arena.dispose();
  }
  return {
    rule: opts.rule,
    asOf: opts.asOf,
    stateThreshold: opts.stateThreshold,
    radiusKm: opts.radiusKm,
    flagCounts,
    reported,
  };
}

/**
 * Analyses one entity, fast: the same flags and explanations as analyzeGraph gives it, computed on its upstream
 * subgraph only (everything that can decide its ownership, control and sanctions status), plus its effective
 * ownership by every upstream holder (not only holders of interest) and its ultimate owners. Proximity needs the
 * sites: pass `options.sites` (siteIndexFromGraph) to avoid scanning the graph for them on each call. The graph is
 * a graphology OwnershipGraph or any other UpstreamSource (graph-index.ts).
 * Throws if the key is not in the graph or the options are invalid.
 */
export function explainEntity(graph: UpstreamSource, key: string, options: ExplainOptions): EntityAnalysis {
  const opts = resolveAnalysisOptions(options);
  if (!graph.hasNode(key)) throw new RangeError(`unknown entity "${key}"`);
  const index = indexUpstream(graph, key, opts.asOf);
  const isFacility = index.kind[0] === NODE_FACILITY;
  const sites = isFacility ? (options.sites ?? siteIndexFromGraph(graph)) : null;
  const ctx = buildContext(index, opts, false, sites);
  const column = upstreamOwners(index, ctx.comps, 0);
  if (!column.converged) ctx.notConverged[0] = 1;
  return assemble(ctx, 0, column);
}
