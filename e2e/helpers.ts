import type { APIRequestContext } from '@playwright/test';

export const PORT = Number(process.env.E2E_PORT || 3100);

/** A storefront URL as a browser would type it (Chromium resolves *.localhost by itself). */
export const site = (host: string, path = '/') => `http://${host}:${PORT}${path}`;

/**
 * Node cannot resolve *.localhost, so API-level requests go to 127.0.0.1 with the Host header a
 * browser would send.
 */
export function getAs(request: APIRequestContext, host: string, path = '/', headers: Record<string, string> = {}) {
  return request.get(`http://127.0.0.1:${PORT}${path}`, {
    headers: { host: `${host}:${PORT}`, ...headers },
    maxRedirects: 0,
  });
}

export const DEMO_TENANT_NAMES = [
  'Northwind Distribution',
  'Acme Cloud Solutions',
  'Globex IT-Services',
  'Initech Systems',
  'Umbrella Networks',
];
