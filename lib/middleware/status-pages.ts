import { escapeHtml } from '../content/markdown';

export type StatusPageKind = 'unknown-host' | 'suspended' | 'no-storefront' | 'rate-limited';

const TEXT: Record<'en' | 'de' | 'fr', Record<StatusPageKind, { title: string; body: string }> & { link: string; back: string }> = {
  en: {
    'unknown-host': { title: 'Storefront not found', body: 'There is no storefront at this address. Check the address for typing errors.' },
    suspended: { title: 'Storefront temporarily unavailable', body: 'This storefront is not available at the moment. Please try again later.' },
    'no-storefront': { title: 'No storefront at this address', body: 'This partner orders through the distributor’s storefront.' },
    'rate-limited': { title: 'Too many requests', body: 'Too many sign-in requests. Please wait a minute and try again.' },
    link: 'Go to the distributor’s storefront',
    back: 'Back',
  },
  de: {
    'unknown-host': { title: 'Shop nicht gefunden', body: 'Unter dieser Adresse gibt es keinen Shop. Bitte prüfen Sie die Adresse auf Tippfehler.' },
    suspended: { title: 'Shop vorübergehend nicht verfügbar', body: 'Dieser Shop ist derzeit nicht erreichbar. Bitte versuchen Sie es später erneut.' },
    'no-storefront': { title: 'Kein Shop unter dieser Adresse', body: 'Dieser Partner bestellt über den Shop des Distributors.' },
    'rate-limited': { title: 'Zu viele Anfragen', body: 'Zu viele Anmeldeanfragen. Bitte warten Sie eine Minute und versuchen Sie es erneut.' },
    link: 'Zum Shop des Distributors',
    back: 'Zurück',
  },
  fr: {
    'unknown-host': { title: 'Boutique introuvable', body: 'Aucune boutique n’existe à cette adresse. Vérifiez l’adresse saisie.' },
    suspended: { title: 'Boutique momentanément indisponible', body: 'Cette boutique n’est pas disponible pour le moment. Veuillez réessayer plus tard.' },
    'no-storefront': { title: 'Aucune boutique à cette adresse', body: 'Ce partenaire commande via la boutique du distributeur.' },
    'rate-limited': { title: 'Trop de demandes', body: 'Trop de demandes de connexion. Patientez une minute puis réessayez.' },
    link: 'Aller à la boutique du distributeur',
    back: 'Retour',
  },
};

const STATUS: Record<StatusPageKind, number> = { 'unknown-host': 404, suspended: 503, 'no-storefront': 404, 'rate-limited': 429 };

function pickLanguage(acceptLanguage: string | null): 'en' | 'de' | 'fr' {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'en' || tag === 'de' || tag === 'fr') return tag;
  }
  return 'en';
}

/**
 * The neutral page for a host without a storefront. It names no tenant and carries no tenant data:
 * the same bytes for every unknown, suspended or Basic host (apart from the distributor link).
 */
/** `linkUrl`: the distributor's storefront (no-storefront) or the page to go back to (rate-limited). */
export function statusPage(kind: StatusPageKind, acceptLanguage: string | null, linkUrl?: string): Response {
  const lang = pickLanguage(acceptLanguage);
  const text = TEXT[lang];
  const { title, body } = text[kind];
  const label = kind === 'rate-limited' ? text.back : text.link;
  const link = linkUrl ? `<p><a href="${escapeHtml(linkUrl)}">${escapeHtml(label)}</a></p>` : '';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f9fafb;display:grid;place-items:center;min-height:100vh;margin:0}main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.5rem}a{color:#2563eb}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${link}</main></body></html>`;
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  if (kind === 'suspended') headers.set('retry-after', '3600');
  return new Response(html, { status: STATUS[kind], headers });
}
