import { createTranslator, type AbstractIntlMessages } from 'next-intl';
import de from '../../content/messages/de.json';
import en from '../../content/messages/en.json';
import fr from '../../content/messages/fr.json';
import { intlFallbacks } from './fallback';
import { isSupportedLocale } from './locales';

const MESSAGES: Record<string, AbstractIntlMessages> = { en, de, fr };

// One translator per locale and namespace for the life of the process: it keeps its compiled
// message formats, which getTranslations rebuilds on every request.
const translators = new Map<string, Translate>();

/** Keys are plain strings: several are built from codes (`shop.errors.${code}`). */
export type Translate = ((key: string, values?: Record<string, string | number | Date>) => string) & { has: (key: string) => boolean };

function make(locale: string, namespace?: string): Translate {
  const t = createTranslator({ locale, messages: MESSAGES[locale]!, namespace, timeZone: 'UTC', ...intlFallbacks });
  return t as unknown as Translate;
}

/**
 * Messages of a shipped locale (English for any other), synchronously: for components rendered
 * outside a Next.js page render (the personal pages, lib/frames/) and shared with pages.
 */
export function translator(locale: string, namespace?: string): Translate {
  const lang = isSupportedLocale(locale) ? locale : 'en';
  const key = `${lang}:${namespace ?? ''}`;
  let t = translators.get(key);
  if (!t) translators.set(key, (t = make(lang, namespace)));
  return t;
}
