// Open-loop load at a steady rate, for latency at a load (bench/signed-in.ts). autocannon's
// `overallRate` is not that: each connection may send its share of a second as soon as the second
// starts (lib/httpClient.js resets `reqsMadeThisSecond` on a 1 s interval), so all connections fire
// together once a second and p99 measures how long the server takes to drain that burst. Here
// request i is sent at start + i / rate, on its own socket if every open one is busy, and its
// latency counts from that planned moment: a server that falls behind is charged for the wait
// (no coordinated omission).
import { Agent, request } from 'node:http';

export interface PacedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  /** Responses per second, over the run. */
  served: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** Connection errors, and requests unanswered after `timeoutMs`. */
  errors: number;
}

export async function paced(options: { origin: string; rate: number; durationS: number; next: (i: number) => PacedRequest; timeoutMs?: number }): Promise<PacedResult> {
  const { origin, rate, durationS, next, timeoutMs = 10_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: 1_000 });
  const total = Math.round(rate * durationS);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  const send = (i: number, planned: number) =>
    new Promise<void>((resolve) => {
      const r = next(i);
      const req = request(`${origin}${r.path}`, { method: r.method, headers: r.headers, agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - planned);
          // Server errors by their code (a 503 refusal is not a 500 defect).
          const code = res.statusCode ?? 0;
          const kind = code >= 500 ? String(code) : `${Math.floor(code / 100)}xx`;
          statuses[kind] = (statuses[kind] ?? 0) + 1;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Everything due by now goes out (a late timer sends what it owes at once, as an open loop must).
    while (i < total && start + (i * 1000) / rate <= now) {
      inFlight.push(send(i, start + (i * 1000) / rate));
      i++;
    }
    if (i < total) await new Promise((r) => setTimeout(r, Math.max(0, start + (i * 1000) / rate - performance.now())));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!) : 0);
  return { served: latencies.length / elapsedS, p50: at(0.5), p99: at(0.99), statuses, errors };
}
