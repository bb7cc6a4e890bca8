import { can } from '@/lib/identity/access';
import { personalPage } from '@/lib/identity/page-viewer';
import { documentNumber } from '@/lib/invoices/format';
import { renderDocumentPdf } from '@/lib/invoices/pdf';
import { documentDetail } from '@/lib/subscriptions/queries';
import { notFoundResponse, personalRoute } from '../../../../_components/personal';

export const dynamic = 'force-dynamic';

/**
 * An invoice or credit note as a PDF, for the people of its organisation and the storefront's
 * staff. Anyone else, and any other storefront's document, is "not found".
 */
export const GET = personalRoute<{ id: string }>({ access: 'signed-in', refuse: 'not-found' }, async ({ tenant, params: { id } }) => {
  const detail = await personalPage(tenant, async (db, viewer) => {
    const detail = viewer ? await documentDetail(db, tenant.id, id) : null;
    if (!detail) return null;
    const allowed = can(viewer, tenant, 'organization:read', detail.invoice.organizationId) || can(viewer, tenant, 'portal:access');
    return allowed ? detail : null;
  });
  if (!detail) return notFoundResponse();
  const pdf = await renderDocumentPdf(detail.invoice, detail.lines, detail.orderNumber, detail.credited);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${documentNumber(detail.invoice)}.pdf"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
