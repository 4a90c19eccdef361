/**
 * The API token, when the server requires one (it does when bound to a non-loopback address). The token comes from
 * the page's `#token=<token>` fragment (never sent to the server in the URL, removed from the address bar at once)
 * or from `setApiToken`, and is kept in sessionStorage for this tab only. The Neo4j password never reaches the
 * browser: the server holds it.
 */
const STORAGE_KEY = 'lookthrough.apiToken';

function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined; // storage disabled
  }
}

/** Moves a `#token=` fragment into sessionStorage and strips it from the address bar. Safe to call more than once. */
export function captureTokenFromLocation(): void {
  if (typeof location === 'undefined') return;
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return;
  setApiToken(decodeURIComponent(match[1]));
  const rest = location.hash.replace(/(^#|&)token=[^&]+/, '$1').replace(/^#&/, '#');
  history.replaceState(null, '', `${location.pathname}${location.search}${rest === '#' ? '' : rest}`);
}

export function setApiToken(token: string): void {
  storage()?.setItem(STORAGE_KEY, token.trim());
}

export function clearApiToken(): void {
  storage()?.removeItem(STORAGE_KEY);
}

export function apiToken(): string | undefined {
  captureTokenFromLocation();
  return storage()?.getItem(STORAGE_KEY) ?? undefined;
}

/** Headers to add to every API request: `Authorization: Bearer <token>` when a token is known, else none. */
export function authHeaders(): Record<string, string> {
  const token = apiToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}
