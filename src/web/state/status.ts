/** The status slice: progress of long work (loading, layout) and the outage message while the server is down. */

export interface Progress {
  /** What is going on, e.g. "Loading neighbours of …". */
  label: string;
  done?: number;
  total?: number;
}

export interface StatusState {
  /** Running tasks by id; the newest is shown. */
  tasks: Record<string, Progress>;
  /** Set while the server or Neo4j cannot be reached. */
  outage: string | null;
  /** The last error of a user action (bad Cypher, unknown entity...), shown until the next action. */
  error: string | null;
  /** One-line summary of what is on the canvas. */
  summary: string;
}

export function emptyStatus(): StatusState {
  return { tasks: {}, outage: null, error: null, summary: '' };
}

export function startTask(status: StatusState, id: string, progress: Progress): StatusState {
  return { ...status, tasks: { ...status.tasks, [id]: progress } };
}

export function endTask(status: StatusState, id: string): StatusState {
  if (!(id in status.tasks)) return status;
  const tasks = { ...status.tasks };
  delete tasks[id];
  return { ...status, tasks };
}

export function currentTask(status: StatusState): Progress | null {
  const values = Object.values(status.tasks);
  return values[values.length - 1] ?? null;
}

/** Percent done, or null when the task has no measurable progress. */
export function percentDone(progress: Progress): number | null {
  if (progress.total === undefined || progress.done === undefined || progress.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((progress.done / progress.total) * 100)));
}
