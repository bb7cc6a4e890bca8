import { getTranslations } from 'next-intl/server';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { FormFeedback } from '../../_components/forms';
import { DesignForm, LogoPanel } from './_panels/draft';
import { DesignStatus } from './_panels/status';
import { DefaultsPanel, VersionsPanel } from './_panels/versions';
import { designView } from './_panels/view';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's design: its draft (theme, tokens, logo), preview, publish, and every published version. */
export default async function DesignPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const view = await designView(await portalPage(params, '/admin/design', 'design:edit'));
  const { tenant, locale, path } = view;
  const t = await getTranslations({ locale, namespace: 'design' });
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/design">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
          <p className="mt-2 text-muted">{t('intro')}</p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />
        <DesignStatus view={view} />
        <DesignForm view={view} />
        <LogoPanel view={view} />
        <VersionsPanel view={view} />
        <DefaultsPanel view={view} />
      </div>
    </StorefrontFrame>
  );
}
