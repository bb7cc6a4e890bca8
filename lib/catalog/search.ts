import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';

export { searchWords } from './browse';

const WORD = /^[\p{L}\p{N}]+$/u;
/** Words shorter than this have too few trigrams to be corrected reliably ("365", "pro"). */
const CORRECTABLE = 4;


/**
 * A tsquery for the words: each as a prefix ("micro" finds "microsoft") or as the catalog's
 * closest word by trigram similarity ("micorsoft" finds "microsoft"); all words must match.
 * One round trip for all words, over the catalog's word list (a trigram index).
 */
export async function searchQuery(db: Db, catalogTenantId: string, words: string[]): Promise<SearchQuery | null> {
  if (!words.length) return null;
  const correctable = words.filter((w) => w.length >= CORRECTABLE);
  const corrections = new Map<string, string>();
  if (correctable.length) {
    const rows = rowsOf<{ word: string; term: string | null }>(
      await db.execute(sql`
        select w.word, (
          select t.term from search_terms t
          where t.tenant_id = ${catalogTenantId} and t.term % w.word
          order by similarity(t.term, w.word) desc, t.term
          limit 1
        ) as term
        from unnest(string_to_array(${correctable.join(' ')}, ' ')) as w(word)`),
    );
    for (const { word, term } of rows) if (term && term !== word && WORD.test(term)) corrections.set(word, term);
  }
  const build = (weights: string) => words.map((w) => (corrections.has(w) ? `(${w}:*${weights} | ${corrections.get(w)}:${weights})` : `${w}:*${weights}`)).join(' & ');
  return { all: build(''), names: build('A') };
}

export interface SearchQuery {
  /** Matches a product anywhere in its search document. */
  all: string;
  /** Matches only in the name, SKU or vendor (weight A): such products are ranked first. */
  names: string;
}
