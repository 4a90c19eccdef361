/**
 * The view slice: layout, regime, as-of date, selection and the explanation path chosen, plus the pure codec
 * between the view and the URL (a link in a report opens the same picture).
 */
import { SANCTIONS_REGIMES, type SanctionsRegime } from '../../domain/analysis/types.ts';

export const LAYOUTS = ['tree', 'force', 'map'] as const;
export type LayoutMode = (typeof LAYOUTS)[number];

export interface PathChoice {
  /** Index in the selected entity's explanation list. */
  explanation: number;
  path: number;
}

export interface ViewState {
  layout: LayoutMode;
  rule: SanctionsRegime;
  asOf: string;
  selected: string | null;
  path: PathChoice | null;
}

export function emptyView(today: string): ViewState {
  return { layout: 'tree', rule: 'ofac', asOf: today, selected: null, path: null };
}

export function select(view: ViewState, key: string | null): ViewState {
  if (view.selected === key) return view;
  return { ...view, selected: key, path: null };
}

export function choosePath(view: ViewState, path: PathChoice | null): ViewState {
  const same = view.path && path && view.path.explanation === path.explanation && view.path.path === path.path;
  return { ...view, path: same ? null : path };
}

/** What the URL carries. */
export interface UrlView {
  facility?: string;
  query?: string;
  expand: string[];
  hide: string[];
  pin: string[];
  layout?: LayoutMode;
  rule?: SanctionsRegime;
  asOf?: string;
  selected?: string;
}

const list = (value: string | null) => (value ? value.split(',').filter((s) => s.length > 0) : []);
const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function parseUrl(search: string): UrlView {
  const params = new URLSearchParams(search);
  const layout = params.get('layout');
  const rule = params.get('rule');
  const asOf = params.get('asOf');
  const view: UrlView = {
    expand: list(params.get('expand')),
    hide: list(params.get('hide')),
    pin: list(params.get('pin')),
  };
  const facility = params.get('facility');
  if (facility) view.facility = facility;
  const selected = params.get('select');
  if (selected) view.selected = selected;
  if (layout && (LAYOUTS as readonly string[]).includes(layout)) view.layout = layout as LayoutMode;
  if (rule && (SANCTIONS_REGIMES as readonly string[]).includes(rule)) view.rule = rule as SanctionsRegime;
  if (isDate(asOf)) view.asOf = asOf;
  return view;
}

export function formatUrl(view: UrlView): string {
  const params = new URLSearchParams();
  if (view.facility) params.set('facility', view.facility);
  if (view.expand.length) params.set('expand', view.expand.join(','));
  if (view.hide.length) params.set('hide', view.hide.join(','));
  if (view.pin.length) params.set('pin', view.pin.join(','));
  if (view.layout && view.layout !== 'tree') params.set('layout', view.layout);
  if (view.rule && view.rule !== 'ofac') params.set('rule', view.rule);
  if (view.asOf) params.set('asOf', view.asOf);
  if (view.selected) params.set('select', view.selected);
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
