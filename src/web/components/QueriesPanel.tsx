import { useEffect, useState } from 'react';
import { ApiError, fetchSavedQueries, saveQuery, type SavedParamValue, type SavedQuerySummary } from '../api.ts';
import { reportError, runAdHoc, runQuery } from '../app/actions.ts';
import { useStore } from '../state/store.ts';
import { CypherEditor } from './CypherEditor.tsx';

const EXAMPLE = `// Who holds 25 percent or more of a company?
MATCH (o:Entity)-[r:OWNS]->(c:Company)
WHERE r.percent >= 25
RETURN o, r, c
LIMIT 25`;

function initialValues(query: SavedQuerySummary): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const p of query.params) {
    if (p.type === 'boolean') out[p.name] = p.default === true;
    else if (p.default !== undefined) out[p.name] = Array.isArray(p.default) ? p.default.join(', ') : String(p.default);
    else out[p.name] = '';
  }
  return out;
}

function typedValues(
  query: SavedQuerySummary,
  values: Record<string, string | boolean>,
): Record<string, SavedParamValue> {
  const out: Record<string, SavedParamValue> = {};
  for (const p of query.params) {
    const raw = values[p.name];
    if (raw === undefined || raw === '') continue;
    if (p.type === 'boolean') out[p.name] = raw === true;
    else if (p.type === 'integer' || p.type === 'float') out[p.name] = Number(raw);
    else if (p.type === 'list<string>')
      out[p.name] = String(raw)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else out[p.name] = String(raw);
  }
  return out;
}

/** `$name` parameters used in a query text, in order of appearance. */
export function queryParams(text: string): string[] {
  return [...new Set([...text.replace(/\/\/[^\n]*/g, '').matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
}

export function QueriesPanel() {
  const [queries, setQueries] = useState<SavedQuerySummary[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [chosen, setChosen] = useState<string>('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [cypher, setCypher] = useState(EXAMPLE);
  const [saving, setSaving] = useState(false);
  const [saveName, setSaveName] = useState('');
  const [saveDescription, setSaveDescription] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const reconnects = useStore((s) => s.reconnects);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSavedQueries(controller.signal)
      .then((list) => {
        setQueries(list);
        setUnavailable(false);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setUnavailable(true);
        else reportError(error);
      });
    return () => controller.abort();
  }, [reconnects, reload]);

  const query = queries?.find((q) => q.name === chosen);
  return (
    <section className="panel queries-panel" aria-label="Saved queries">
      <h2>Saved queries</h2>
      {unavailable && <p className="muted">This server has no saved-query endpoint (GET /api/queries).</p>}
      <ul className="query-list">
        {queries?.map((q) => (
          <li key={q.name}>
            <button
              type="button"
              data-query={q.name}
              title={q.description}
              className={q.name === chosen ? 'selected' : undefined}
              onClick={() => {
                setChosen(q.name);
                setValues(initialValues(q));
              }}
            >
              <span className="name">{q.title ?? q.name}</span>
              <span className="meta">{q.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {query && (
        <form
          className="query-form"
          aria-label={`Parameters of ${query.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            void runQuery(query.name, query.title ?? query.name, typedValues(query, values));
          }}
        >
          {query.params.map((p) => (
            <label key={p.name} className="param">
              <span>
                {p.name} <span className="muted">{p.type}</span>
              </span>
              {p.type === 'boolean' ? (
                <input
                  type="checkbox"
                  name={p.name}
                  checked={values[p.name] === true}
                  onChange={(e) => setValues({ ...values, [p.name]: e.target.checked })}
                />
              ) : (
                <input
                  name={p.name}
                  type={p.type === 'integer' || p.type === 'float' ? 'number' : p.type === 'date' ? 'date' : 'text'}
                  step={p.type === 'float' ? 'any' : p.type === 'integer' ? '1' : undefined}
                  required={p.default === undefined}
                  placeholder={p.type === 'list<string>' ? 'a, b, c' : (p.description ?? '')}
                  value={String(values[p.name] ?? '')}
                  onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
                />
              )}
            </label>
          ))}
          <button type="submit" className="primary">
            Run
          </button>
        </form>
      )}
      <h2>Cypher (read-only)</h2>
      <CypherEditor value={cypher} onChange={setCypher} onRun={() => void runAdHoc(cypher)} />
      <div className="row">
        <button type="button" className="primary" data-action="run-cypher" onClick={() => void runAdHoc(cypher)}>
          Run <span className="muted">Ctrl+Enter</span>
        </button>
        <button type="button" data-action="save-query" onClick={() => setSaving(!saving)}>
          Save as query…
        </button>
      </div>
      {saving && (
        <form
          className="save-form"
          aria-label="Save query"
          onSubmit={(event) => {
            event.preventDefault();
            saveQuery({
              name: saveName,
              description: saveDescription,
              query: cypher,
              params: queryParams(cypher).map((name) => ({ name, type: 'string' as const })),
            })
              .then(() => {
                setSaved(saveName);
                setSaving(false);
                setReload((n) => n + 1);
              })
              .catch((error: unknown) => reportError(error));
          }}
        >
          <input
            aria-label="Query name"
            placeholder="name (kebab-case)"
            pattern="[a-z0-9][a-z0-9-]*"
            required
            value={saveName}
            onChange={(e) => setSaveName(e.target.value)}
          />
          <input
            aria-label="Query description"
            placeholder="what it answers"
            required
            value={saveDescription}
            onChange={(e) => setSaveDescription(e.target.value)}
          />
          <button type="submit" className="primary">
            Save
          </button>
        </form>
      )}
      {saved && (
        <p className="muted" role="status">
          Saved “{saved}”.
        </p>
      )}
    </section>
  );
}
