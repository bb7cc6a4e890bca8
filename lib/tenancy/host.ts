export type HostTarget =
  | { kind: 'root' }
  | { kind: 'subdomain'; slug: string }
  | { kind: 'custom'; hostname: string };

/**
 * Classifies a normalised host against the platform domain. `www.` in front of the root or of a
 * platform subdomain is the same storefront; on a custom domain it is looked up as written first.
 */
export function classifyHost(host: string, platform: string): HostTarget {
  if (host === platform || host === `www.${platform}`) return { kind: 'root' };
  const suffix = `.${platform}`;
  if (host.endsWith(suffix)) {
    const label = host.slice(0, -suffix.length).replace(/^www\./, '');
    if (!label.includes('.')) return { kind: 'subdomain', slug: label };
  }
  return { kind: 'custom', hostname: host };
}
