import { describe, expect, it } from 'vitest';
import { choosePath, emptyView, formatUrl, parseUrl, select } from './view.ts';

describe('view producers', () => {
  it('selecting another node forgets the chosen path; choosing the same path twice clears it', () => {
    let view = emptyView('2025-01-01');
    view = select(view, 'a');
    view = choosePath(view, { explanation: 0, path: 1 });
    expect(view.path).toEqual({ explanation: 0, path: 1 });
    expect(choosePath(view, { explanation: 0, path: 1 }).path).toBeNull();
    expect(select(view, 'a')).toBe(view);
    expect(select(view, 'b').path).toBeNull();
  });
});

describe('URL codec', () => {
  it.each([
    ['', { expand: [], hide: [], pin: [] }],
    [
      '?facility=fac-cheyenne-1&expand=co-a,co-b&hide=x&pin=y&layout=force&rule=eu&asOf=2024-06-01&select=co-a',
      {
        facility: 'fac-cheyenne-1',
        expand: ['co-a', 'co-b'],
        hide: ['x'],
        pin: ['y'],
        layout: 'force',
        rule: 'eu',
        asOf: '2024-06-01',
        selected: 'co-a',
      },
    ],
    ['?layout=sideways&rule=xx&asOf=tomorrow', { expand: [], hide: [], pin: [] }],
  ])('parses %s', (search, expected) => {
    expect(parseUrl(search)).toEqual(expected);
  });

  it('round-trips a view and leaves defaults out', () => {
    const view = parseUrl('?facility=f&expand=a,b&layout=map&rule=uk&asOf=2025-01-01');
    expect(parseUrl(formatUrl(view))).toEqual(view);
    expect(formatUrl({ expand: [], hide: [], pin: [], layout: 'tree', rule: 'ofac' })).toBe('');
  });
});
