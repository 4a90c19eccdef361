import type { FastifyInstance } from 'fastify';

/**
 * Graceful close: `app.close()` stops accepting connections and waits for requests in flight (new requests on open
 * connections get 503, `return503OnClosing`). Answers sent while closing carry `Connection: close`, so that a
 * keep-alive client does not hold its socket open for the keep-alive timeout (72 s) and stall the shutdown.
 */
export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
