import { useStore } from '../state/store.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const record = value as { key?: unknown; attributes?: { name?: unknown } };
    if (typeof record.key === 'string' && record.attributes && typeof record.attributes.name === 'string')
      return record.attributes.name;
    return JSON.stringify(value);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The last query's rows; a notice when the server capped them. */
export function ResultsTable() {
  const results = useStore((s) => s.results);
  if (!results) return <footer className="results empty muted">Query results appear here.</footer>;
  return (
    <footer className="results" aria-label="Results">
      <div className="results-head">
        <strong>{results.title}</strong> <span className="muted">{results.rows.length} rows</span>
        {results.truncated && <span className="warning"> · truncated: more rows exist than were returned</span>}
        <button
          type="button"
          className="close"
          aria-label="Close results"
          onClick={() => useStore.setState({ results: null })}
        >
          ×
        </button>
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {results.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.rows.map((row, i) => (
              <tr key={i}>
                {results.columns.map((c) => (
                  <td key={c} title={cell(row[c])}>
                    {cell(row[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </footer>
  );
}
