import { useEffect, useRef, useState } from 'react';
import { SITE_CATEGORIES, type SiteCategory } from '../../domain/model.ts';
import { IMPORT_FORMATS, type ImportFormat, type ImportIssue } from '../../import/types.ts';
import { uploadImport, type ImportReport } from '../api.ts';
import { download } from '../export/picture.ts';
import { capIssues, countOf, guessFormat, issuePlace } from '../state/import.ts';
import { dataChanged } from '../state/store.ts';

const FORMAT_LABELS: Record<ImportFormat, string> = {
  ftm: 'FollowTheMoney (JSON lines)',
  bods: 'BODS 0.4 (JSON)',
  sdn: 'OFAC SDN list (CSV)',
  sites: 'Sensitive sites (CSV or GeoJSON)',
  csv: 'Generic CSV (nodes and edges)',
  json: 'Snapshot JSON',
};

const FORMAT_HINTS: Partial<Record<ImportFormat, string>> = {
  sdn: 'Choose add.csv and alt.csv together with sdn.csv for addresses and aliases.',
  csv: 'Choose the nodes file and the edges file together.',
  sites: 'Every site gets the category chosen here (or its own category column).',
};

/** Errors and warnings shown in the dialog; the downloadable report holds all of them. */
const SHOWN_ERRORS = 50;
const SHOWN_WARNINGS = 20;

type Phase = { step: 'idle' } | { step: 'uploading'; percent: number | null } | { step: 'loading' };

function fmtSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function IssueList({ title, issues, cap, kind }: { title: string; issues: ImportIssue[]; cap: number; kind: string }) {
  if (issues.length === 0) return null;
  const { shown, more } = capIssues(issues, cap);
  return (
    <>
      <h3>
        {title} <span className="muted">({issues.length.toLocaleString('en-US')})</span>
      </h3>
      <ul className={`issue-list ${kind}`} data-testid={`import-${kind}`}>
        {shown.map((issue, i) => (
          <li key={i}>
            <span className="place">{issuePlace(issue)}</span>
            <span className="message">{issue.message}</span>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className="muted small" data-testid={`import-${kind}-more`}>
          … and {more.toLocaleString('en-US')} more {title.toLowerCase()}, not shown here: download the report for all
          of them.
        </p>
      )}
    </>
  );
}

function Summary({ report }: { report: ImportReport }) {
  const counts = `${countOf(report.nodes, 'node')} and ${countOf(report.relationships, 'relationship')}`;
  if (report.errors.length) {
    return (
      <p className="import-summary error">
        Not loaded: {countOf(report.errors.length, 'error')} in the files. Nothing was written; fix the files and try
        again.
      </p>
    );
  }
  if (report.dryRun)
    return <p className="import-summary ok">Valid: {counts} would be imported. Nothing was written.</p>;
  return (
    <p className="import-summary ok">
      Imported {counts}.
      {report.matchedExisting ? ` Already in the database: ${report.matchedExisting.toLocaleString('en-US')}` : ''}
      {report.matchedExisting ? `, unchanged: ${(report.unchanged ?? 0).toLocaleString('en-US')}.` : ''}
    </p>
  );
}

/**
 * Import files into the database from the browser, as `lookthrough import` does from a terminal: the same
 * formats, options and report (POST /api/import). "Validate only" is the dry run. After an import that wrote
 * data, the flags, facilities and analyses on screen are fetched again.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [source, setSource] = useState('');
  const [category, setCategory] = useState<SiteCategory | ''>('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = phase.step !== 'idle';

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const run = (dryRun: boolean) => {
    if (!format || files.length === 0) return;
    setReport(null);
    setFailure(null);
    setPhase({ step: 'uploading', percent: 0 });
    uploadImport(
      files,
      { format, dryRun, ...(source.trim() ? { source: source.trim() } : {}), ...(category ? { category } : {}) },
      (sent, total) =>
        setPhase(
          total > 0 && sent >= total
            ? { step: 'loading' }
            : { step: 'uploading', percent: total > 0 ? Math.round((100 * sent) / total) : null },
        ),
    )
      .then((answer) => {
        setReport(answer);
        if (!answer.dryRun && answer.errors.length === 0) dataChanged();
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)))
      .finally(() => setPhase({ step: 'idle' }));
  };

  const close = () => {
    if (busy) return;
    dialog.current?.close();
    onClose();
  };

  return (
    <dialog
      ref={dialog}
      className="import-dialog"
      aria-labelledby="import-title"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onKeyDown={(event) => {
        // Esc belongs to the dialog here, not to the canvas selection behind it.
        if (event.key === 'Escape') event.stopPropagation();
      }}
    >
      <header>
        <h2 id="import-title">Import data</h2>
        <button type="button" className="close" aria-label="Close" disabled={busy} onClick={close}>
          ×
        </button>
      </header>
      {/* Enter in a field must not start a write: both actions are buttons. */}
      <form onSubmit={(event) => event.preventDefault()}>
        <label className="param">
          <span>Files</span>
          <input
            type="file"
            multiple
            aria-label="Files"
            disabled={busy}
            onChange={(event) => {
              const chosen = [...(event.target.files ?? [])];
              setFiles(chosen);
              setReport(null);
              setFailure(null);
              const guess = guessFormat(chosen.map((f) => f.name));
              if (guess) setFormat(guess);
            }}
          />
        </label>
        {files.length > 0 && (
          <ul className="file-list muted small">
            {files.map((f) => (
              <li key={f.name}>
                {f.name} · {fmtSize(f.size)}
              </li>
            ))}
          </ul>
        )}
        <div className="import-options">
          <label className="param">
            <span>Format</span>
            <select
              aria-label="Format"
              required
              disabled={busy}
              value={format}
              onChange={(event) => setFormat(event.target.value as ImportFormat | '')}
            >
              <option value="">Choose…</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="param">
            <span>
              Source <span className="muted">dataset name</span>
            </span>
            <input
              aria-label="Source"
              placeholder="default: per format or file name"
              disabled={busy}
              value={source}
              onChange={(event) => setSource(event.target.value)}
            />
          </label>
          {format === 'sites' && (
            <label className="param">
              <span>Category</span>
              <select
                aria-label="Category"
                disabled={busy}
                value={category}
                onChange={(event) => setCategory(event.target.value as SiteCategory | '')}
              >
                <option value="">from the file</option>
                {SITE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {format && FORMAT_HINTS[format] && <p className="muted small hint">{FORMAT_HINTS[format]}</p>}
        <div className="row">
          <button
            type="button"
            data-action="validate"
            disabled={busy || !format || files.length === 0}
            onClick={() => run(true)}
          >
            Validate only
          </button>
          <button
            type="button"
            className="primary"
            data-action="import"
            disabled={busy || !format || files.length === 0}
            onClick={() => run(false)}
          >
            Import
          </button>
          {busy && (
            <span className="progress" data-testid="import-progress">
              <span className="spinner" aria-hidden="true" />
              {phase.step === 'uploading' ? (
                <>
                  Uploading{phase.percent !== null ? ` ${phase.percent}%` : '…'}
                  {phase.percent !== null && <progress max={100} value={phase.percent} />}
                </>
              ) : (
                'Reading, checking and loading…'
              )}
            </span>
          )}
        </div>
      </form>
      <section className="import-result" aria-label="Import result" aria-live="polite">
        {failure && <p className="import-summary error">{failure}</p>}
        {report && (
          <>
            <Summary report={report} />
            <IssueList title="Errors" issues={report.errors} cap={SHOWN_ERRORS} kind="errors" />
            <IssueList title="Warnings" issues={report.warnings} cap={SHOWN_WARNINGS} kind="warnings" />
            {(report.errors.length > 0 || report.warnings.length > 0) && (
              <button
                type="button"
                className="small"
                onClick={() =>
                  download('import-report.json', `${JSON.stringify(report, null, 2)}\n`, 'application/json')
                }
              >
                Download the full report (JSON)
              </button>
            )}
          </>
        )}
      </section>
    </dialog>
  );
}
