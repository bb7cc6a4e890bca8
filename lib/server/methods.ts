import http from 'node:http';
import type { Duplex } from 'node:stream';

// The Fetch standard forbids these in a Request, and Next builds one for every request it hands
// the proxy: a TRACE reached Next as "'TRACE' HTTP method is unsupported" and a 500. CONNECT never
// reaches a request handler at all (Node emits it apart), and without a listener the socket was
// dropped without an answer.
const UNSERVABLE = new Set(['TRACE', 'TRACK', 'CONNECT']);
const PATCHED = Symbol.for('channelfront.methods');

const REFUSAL = 'Method not allowed.\n';
const HEADERS = { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

function refuseConnect(_request: http.IncomingMessage, socket: Duplex): void {
  const head = Object.entries({ ...HEADERS, 'content-length': String(Buffer.byteLength(REFUSAL)), connection: 'close' }).map(([k, v]) => `${k}: ${v}`);
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${head.join('\r\n')}\r\n\r\n${REFUSAL}`);
}

/**
 * Answers the methods Next cannot serve with 405 in the HTTP server itself, before Next sees
 * them. `next start` owns the server, so this is done on Node's `http.Server` (every server of
 * the process, the one Next listens on included) at start-up, from instrumentation.ts.
 */
export function refuseUnservableMethods(): void {
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (UNSERVABLE.has((request.method ?? '').toUpperCase())) {
        response.writeHead(405, HEADERS).end(REFUSAL);
        return true;
      }
    }
    // Node drops a CONNECT on a server with no 'connect' listener before emitting anything, so the
    // listener is added as the server takes its first connection.
    if (event === 'connection' && this.listenerCount('connect') === 0) this.on('connect', refuseConnect);
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
