import { request as httpRequest } from 'node:http';
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

/** A GET to a server on 127.0.0.1:`port` as `host`, with node:http (fetch() refuses a Host header). */
export function getFrom(port: number, host: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers: { host: `${host}:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}
