import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Debian's nginx with the configuration the deployment guide ships (docs/nginx/channelfront.conf),
 * changed only in its upstream, listening address and cache folder. Used by the nginx e2e test
 * and the benchmark.
 */
export function startNginx(upstreamPort: number, listenPort: number, binary = process.env.NGINX_PATH || '/usr/sbin/nginx') {
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-nginx-'));
  mkdirSync(path.join(dir, 'logs'));
  const site = readFileSync('docs/nginx/channelfront.conf', 'utf8')
    .replace('/var/cache/nginx/channelfront', path.join(dir, 'cache'))
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${upstreamPort};`)
    .replace('listen 80;', `listen 127.0.0.1:${listenPort};`);
  writeFileSync(path.join(dir, 'site.conf'), site);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    // As root, nginx's workers would run as nobody and could not write to this private folder.
    `daemon off; ${process.getuid?.() === 0 ? 'user root;' : ''} worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; include ${dir}/site.conf; }\n`,
  );
  const child = spawn(binary, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
  return {
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
