import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/locales';
import type { Tenant } from '@/lib/tenancy/types';
import { API } from './api-routes';

/** Shown above every page while a member of staff previews the draft design. */
export async function PreviewBanner({ tenant, locale }: { tenant: Tenant; locale: string }) {
  const t = await getTranslations({ locale, namespace: 'design' });
  const designPath = localePath(locale, tenant.defaultLocale, '/admin/design');
  return (
    <div role="status" data-testid="preview-banner" className="flex flex-wrap items-center justify-center gap-x-4 gap-y-2 bg-[#111827] px-4 py-2 text-sm text-white">
      <span>{t('previewBanner')}</span>
      <a href={designPath} className="underline">{t('backToDesign')}</a>
      <form method="post" action={API.adminDesignPreview}>
        <input type="hidden" name="returnTo" value={designPath} />
        <input type="hidden" name="intent" value="exit" />
        <button type="submit" className="rounded border border-white/60 px-2 py-0.5">{t('exitPreview')}</button>
      </form>
    </div>
  );
}
