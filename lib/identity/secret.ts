import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../config/settings';

let cached: string | undefined;

/**
 * AUTH_SECRET signs and hashes sign-in tokens. Production refuses to start without it (see
 * lib/config/settings.ts); local
 * development creates one once under .data/ so `npm run dev` needs no configuration.
 */
export function authSecret(): string {
  if (cached) return cached;
  // Validated with the other settings: production never gets here without a strong secret.
  const { authSecret: configured, production } = settings();
  if (configured) return (cached = configured);
  if (production) throw new Error('AUTH_SECRET is not set (the start-up check should have stopped the server).');
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
