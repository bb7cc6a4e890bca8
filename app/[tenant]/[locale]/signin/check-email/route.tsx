import { getTranslations } from 'next-intl/server';
import { personalDocument } from '../../_components/document';
import { personalRoute } from '../../_components/personal';

export const dynamic = 'force-dynamic';

/** The same page whether or not the address is known, so it reveals nothing about accounts. */
export const GET = personalRoute({ access: 'anyone' }, async ({ locale, page }) => {
  const t = await getTranslations({ locale, namespace: 'auth' });
  return personalDocument(page, '/signin/check-email', {
    title: t('checkTitle'),
    body: (
      <section className="mx-auto w-full max-w-md px-4 py-12">
        <h1 className="font-heading text-3xl font-bold">{t('checkTitle')}</h1>
        <p className="mt-4 text-muted">{t('checkBody')}</p>
      </section>
    ),
  });
});
