import { settings } from '../config/settings';
import { vatPrefix } from '../input/tax-ids';

/** What VIES said of a VAT number: registered, not registered, or no answer (never a reason to refuse). */
export type ViesAnswer = 'valid' | 'invalid' | 'unavailable';

/**
 * Asks the EU's VIES service (REST: `GET /ms/{country}/vat/{number}`) whether a VAT number is
 * registered. Only a clear `isValid: false` with `userError: INVALID` counts as "not registered":
 * a member state that is down, a timeout or anything unexpected is "unavailable", and the number
 * is kept unverified rather than holding up the customer.
 */
export async function askVies(country: string, vatNumber: string, fetcher: typeof fetch = fetch): Promise<ViesAnswer> {
  const { viesUrl, viesTimeoutMs } = settings();
  if (!viesUrl) return 'unavailable';
  const prefix = vatPrefix(country);
  const number = vatNumber.startsWith(prefix) ? vatNumber.slice(prefix.length) : vatNumber;
  const url = new URL(`${viesUrl.pathname.replace(/\/$/, '')}/ms/${encodeURIComponent(prefix)}/vat/${encodeURIComponent(number)}`, viesUrl);
  try {
    const res = await fetcher(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(viesTimeoutMs) });
    if (!res.ok) return 'unavailable';
    const body = (await res.json()) as { isValid?: unknown; userError?: unknown };
    if (body.isValid === true) return 'valid';
    if (body.isValid === false && body.userError === 'INVALID') return 'invalid';
    return 'unavailable';
  } catch {
    return 'unavailable';
  }
}
