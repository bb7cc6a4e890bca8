const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The canonical form of a Host header: lowercase, no port, no trailing dot. Returns null for
 * anything that is not a DNS hostname (IP literals with brackets, empty labels, stray characters),
 * so a malformed header can never match a tenant.
 */
export function normaliseHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return null;
  host = host.replace(/:\d*$/, '').replace(/\.$/, '');
  if (!host || host.length > 253) return null;
  const labels = host.split('.');
  if (!labels.every((label) => LABEL.test(label))) return null;
  return host;
}
