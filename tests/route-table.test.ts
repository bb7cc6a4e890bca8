import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API } from '@/app/[tenant]/[locale]/_components/api-routes';

const ROOT = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('the forms’ route table', () => {
  it('names route handlers that exist and take a POST', () => {
    for (const [name, route] of Object.entries(API)) {
      const file = path.join(ROOT, 'app', route, 'route.ts');
      expect(existsSync(file), `${name}: ${route}`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${name}: ${route}`).toMatch(/export (const|async function|function) POST\b/);
    }
  });

  it('is the only way pages spell a form’s address', () => {
    const spelled = files(path.join(ROOT, 'app')).filter((f) => /(action|formAction)="\/api\//.test(readFileSync(f, 'utf8')));
    expect(spelled.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
