import type { IncomingMessage } from 'node:http';

/** Set on every request by the server itself (see `installClientAddress`); never taken from a client. */
export const CLIENT_ADDRESS_HEADER = 'x-channelfront-client';

/**
 * The address a request came from, for rate limits. With no trusted proxies (the default) it is
 * the socket's peer: whatever X-Forwarded-For says is the client's own claim. Behind N proxies that
 * each append the address they saw, it is the Nth entry from the right of the chain ending in the
 * socket's peer; anything further left was written by the client.
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const peer = (socketAddress ?? 'unknown').replace(/^::ffff:/, '');
  if (trustedHops <= 0) return peer;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...listed, peer];
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!.replace(/^::ffff:/, '');
}

const INSTALLED = Symbol.for('channelfront.clientAddress');

/**
 * Next.js keeps a client-sent X-Forwarded-For as it is and gives route handlers no socket, so the
 * server stamps the address it trusts on each request before Next sees it. Patching the request
 * event of node:http is the one place that has both the socket and every request.
 */
export async function installClientAddress(trustedHops: number): Promise<void> {
  const http = await import('node:http');
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req.socket?.remoteAddress, req.headers['x-forwarded-for'], trustedHops);
    }
    return emit.call(this, event, ...args);
  };
}

/** The stamped address of a request in a route handler. */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || 'unknown';
}
