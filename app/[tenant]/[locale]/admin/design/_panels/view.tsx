import { getFormatter } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { baseTokens, designTokens, getDraft, listVersions, liveDesign } from '@/lib/design/versions';
import { can } from '@/lib/identity/access';
import { planAllows } from '@/lib/reselling/plans';
import type { SignedInPage } from '../../../_components/page-start';

async function load(tenantId: string) {
  return forTenant(tenantId, async (db) => ({ draft: await getDraft(db, tenantId), versions: await listVersions(db, tenantId) }));
}

/** What every panel of the design page reads: the draft (or the live design), its tokens, the versions. */
export type DesignView = SignedInPage &
  Awaited<ReturnType<typeof load>> & {
    design: ReturnType<typeof liveDesign>;
    tokens: ReturnType<typeof designTokens>;
    /** What an emptied token falls back to: the theme's, or the distributor's default. */
    inherited: ReturnType<typeof baseTokens>;
    /** The plan includes colours, fonts and a logo of one's own. */
    branding: boolean;
    mayPublish: boolean;
    when: (d: Date) => string;
  };

export async function designView(start: SignedInPage): Promise<DesignView> {
  const { tenant, locale, viewer } = start;
  const { draft, versions } = await load(tenant.id);
  const design = draft ? { theme: draft.theme, overrides: draft.overrides, logo: draft.logo } : liveDesign(tenant);
  const format = await getFormatter({ locale });
  return {
    ...start,
    draft,
    versions,
    design,
    tokens: designTokens(design, tenant.inheritedTokens),
    inherited: baseTokens(design.theme, tenant.inheritedTokens),
    branding: planAllows(tenant, 'branding'),
    mayPublish: can(viewer, tenant, 'design:publish'),
    when: (d) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' }),
  };
}

/** Every design form comes back to this page. */
export function BackHere({ view }: { view: DesignView }) {
  return <input type="hidden" name="returnTo" value={view.path('/admin/design')} />;
}
