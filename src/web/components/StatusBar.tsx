import { currentTask, percentDone } from '../state/status.ts';
import { useStore } from '../state/store.ts';

/** Progress of loading and layout, the summary of the canvas, the last error; and the outage banner. */
export function StatusBar() {
  const status = useStore((s) => s.status);
  const task = currentTask(status);
  const percent = task ? percentDone(task) : null;
  return (
    <>
      {status.outage && (
        <div className="outage" role="alert">
          <strong>Connection lost.</strong> {status.outage} Retrying every few seconds; your view is kept.
        </div>
      )}
      <div className="status" role="status" aria-live="polite">
        {task ? (
          <span className="progress" data-testid="progress">
            <span className="spinner" aria-hidden="true" />
            {task.label}
            {percent !== null && (
              <>
                {' '}
                {percent}% <progress max={100} value={percent} />
              </>
            )}
          </span>
        ) : status.error ? (
          <span className="error">{status.error}</span>
        ) : (
          status.summary || 'Search or pick a flagged facility to begin.'
        )}
      </div>
    </>
  );
}
