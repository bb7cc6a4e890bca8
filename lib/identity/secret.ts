import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * AUTH_SECRET signs and hashes sign-in tokens. Production refuses to start without it; local
 * development creates one once under .data/ so `npm run dev` needs no configuration.
 */
export function authSecret(): string {
  if (cached) return cached;
  const configured = process.env.AUTH_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`).');
    return (cached = configured);
  }
  if (process.env.NODE_ENV === 'production') {
    throw new Error('AUTH_SECRET is not set: sign-in links cannot be issued. Set it to a random value of 32+ characters.');
  }
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString('base64url');
    writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
