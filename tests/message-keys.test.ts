import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import de from '@/content/messages/de.json';
import en from '@/content/messages/en.json';
import fr from '@/content/messages/fr.json';
import { createTranslator } from 'next-intl';
import { intlFallbacks, MISSING_MARK } from '@/lib/i18n/fallback';
import { CAUSE_KEYS } from '@/lib/orders/causes';

/** Every message as `path → text`. */
function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else for (const [p, t] of flatten(v, path)) out.set(p, t);
  }
  return out;
}

/** The names a message fills in ({store}, {count, plural, …}), read by ICU's own parser. */
function argumentsOf(text: string): Set<string> {
  const names = new Set<string>();
  const walk = (nodes: MessageFormatElement[]) => {
    for (const node of nodes) {
      if (node.type !== TYPE.literal && node.type !== TYPE.pound && 'value' in node) names.add(node.value);
      if ('options' in node) for (const option of Object.values(node.options)) walk(option.value);
      if ('children' in node) walk(node.children);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return names;
}

describe('the messages of every language', () => {
  const locales = { en: flatten(en), de: flatten(de), fr: flatten(fr) };

  it('have the same keys: a German or French page never falls back to a key or to English', () => {
    for (const [locale, messages] of Object.entries(locales)) {
      const missing = [...locales.en.keys()].filter((k) => !messages.has(k));
      const extra = [...messages.keys()].filter((k) => !locales.en.has(k));
      expect(missing, `missing from ${locale}`).toEqual([]);
      expect(extra, `only in ${locale}`).toEqual([]);
    }
  });

  it('fill in the same values as the English one', () => {
    for (const [key, text] of locales.en) {
      for (const locale of ['de', 'fr'] as const) {
        expect([...argumentsOf(locales[locale].get(key)!)].sort(), `${locale} ${key}`).toEqual([...argumentsOf(text)].sort());
      }
    }
  });

  it('include a sentence for every cause an order’s history records', () => {
    for (const [locale, messages] of Object.entries(locales)) for (const key of CAUSE_KEYS) expect(messages.has(`orderHistory.${key}`), `${locale} ${key}`).toBe(true);
  });

  it('a message missing all the same reads in English, never as its key', () => {
    expect(intlFallbacks.getMessageFallback({ namespace: 'shop', key: 'placeOrder' })).toBe(en.shop.placeOrder);
    expect(intlFallbacks.getMessageFallback({ key: 'nowhere.atAll' })).toBe('nowhere.atAll');
  });

  it('the end-to-end server marks a missing message, so the walk through every page in de and fr fails on it', () => {
    process.env.MISSING_MESSAGES = 'mark';
    try {
      const t = createTranslator({ locale: 'de', messages: { shop: {} }, namespace: 'shop', ...intlFallbacks });
      expect(t('placeOrder' as never)).toBe(`${MISSING_MARK} shop.placeOrder]`);
    } finally {
      delete process.env.MISSING_MESSAGES;
    }
  });
});
