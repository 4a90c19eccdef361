/**
 * Who may use the API: the bind rule, bearer-token checking, secure headers and CORS.
 *
 * Bound to a loopback address the server needs no token (only local users reach it); bound to any other address it
 * requires one (LOOKTHROUGH_API_TOKEN) or refuses to start. When a token is configured it is always required on
 * /api/*, whatever the address. Static files of the web app stay public: they hold no data.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

/** The shortest token accepted: a bearer token is a password, and a short one is guessed. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host.trim());
}

/**
 * Throws with a message a person can act on when the server may not listen on `host` with this token: a
 * non-loopback bind needs LOOKTHROUGH_API_TOKEN, and a token must be long enough.
 */
export function assertBindAllowed(host: string, token: string | undefined): void {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new Error(
      `LOOKTHROUGH_API_TOKEN is too short (${token.length} characters): use at least ${MIN_TOKEN_LENGTH}, e.g. \`openssl rand -hex 32\`.`,
    );
  }
  if (!isLoopback(host) && !token) {
    throw new Error(
      `Refusing to listen on ${host} without an API token: anyone who can reach that address could query the graph. ` +
        'Set LOOKTHROUGH_API_TOKEN (e.g. `export LOOKTHROUGH_API_TOKEN=$(openssl rand -hex 32)`), or bind to 127.0.0.1.',
    );
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant-time comparison (of digests, so that lengths leak nothing either). */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export interface AccessOptions {
  /** Require `Authorization: Bearer <token>` on /api/*. */
  requireToken?: string;
  /** Allowed CORS origin(s); CORS stays off (same origin only) without it. */
  corsOrigin?: string | string[];
}

export async function registerAccess(app: FastifyInstance, options: AccessOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and sigma set element styles from script (CSSOM, allowed); inline style attributes need this.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Cross-origin isolation headers would break nothing here, but the defaults are enough; keep nosniff and friends.
    crossOriginEmbedderPolicy: false,
  });

  if (options.corsOrigin !== undefined && options.corsOrigin.length > 0) {
    await app.register(cors, {
      // A list, so that only a matching Origin is echoed back (a bare string would be sent to every origin).
      origin: Array.isArray(options.corsOrigin) ? options.corsOrigin : [options.corsOrigin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    });
  }

  const token = options.requireToken;
  if (token) {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/') && request.url !== '/api') return;
      if (request.method === 'OPTIONS') return; // CORS preflight carries no credentials
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1] || !tokenMatches(match[1], token)) {
        return reply
          .status(401)
          .header('WWW-Authenticate', 'Bearer realm="lookthrough"')
          .send(
            errorBody(
              'UNAUTHORIZED',
              match
                ? 'The API token is wrong.'
                : 'This server requires an API token: send "Authorization: Bearer <token>" (open the app with #token=<token>).',
            ),
          );
      }
    });
  }
}
