import en from '../../content/messages/en.json';

/**
 * What a page shows for a message its language lacks: the English sentence (a German page with one
 * English line beats one that says "shop.placeOrder"), and the miss is logged. With
 * `MISSING_MESSAGES=mark` (the end-to-end server) it shows a marker instead, so the suite that
 * walks every page in German and French fails on it (e2e/languages.spec.ts).
 */
export const MISSING_MARK = '[missing message:';

function english(path: string): string | null {
  let node: unknown = en;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : null;
}

export const intlFallbacks = {
  getMessageFallback({ namespace, key }: { namespace?: string; key: string }): string {
    const path = [namespace, key].filter(Boolean).join('.');
    if (process.env.MISSING_MESSAGES === 'mark') return `${MISSING_MARK} ${path}]`;
    return english(path) ?? path;
  },
  onError(error: { code: string; message: string }): void {
    console.error(`i18n: ${error.code}: ${error.message}`);
  },
};
