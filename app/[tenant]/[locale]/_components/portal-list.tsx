import type { ReactNode } from 'react';
import type { Tenant } from '@/lib/tenancy/types';
import { buttonClass, FilterProblems } from './forms';
import { ListPager } from './list-pager';
import { StorefrontFrame } from './storefront-frame';

/**
 * The frame of every portal list (orders, subscriptions, invoices, customers): back to the portal,
 * the title, what was wrong with the filters, the filter form (a GET of the same page), the count
 * and the CSV of the same filters, the table and its pages. Each list brings its fields and rows.
 */
export function PortalList(props: {
  tenant: Tenant;
  locale: string;
  /** The list's path without the locale (`/admin/orders`), and the locale-aware path builder. */
  page: string;
  path: (p: string) => string;
  /** The name of the list in test ids: `order` gives order-filters, order-count, export-orders. */
  testId: string;
  title: string;
  feedback?: ReactNode;
  problems: string | null;
  filterLabel: string;
  fields: ReactNode;
  count: string;
  /** The CSV of the same filters (the list's query string). */
  csv: { query: URLSearchParams | string; label: string };
  table: ReactNode;
  pager: { page: number; pages: number; href: (page: number) => string };
}) {
  const { tenant, locale, page, path, testId } = props;
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path={page}>
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <h1 className="font-heading text-3xl font-bold">{props.title}</h1>
        {props.feedback}
        <FilterProblems message={props.problems} />
        <form method="get" action={path(page)} className="flex flex-wrap items-end gap-3" data-testid={`${testId}-filters`}>
          {props.fields}
          <button type="submit" className={buttonClass}>{props.filterLabel}</button>
        </form>
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <span data-testid={`${testId}-count`}>{props.count}</span>
          <a className="text-primary underline" href={`${path(`${page}/export`)}?${String(props.csv.query)}`} data-testid={`export-${testId}s`}>{props.csv.label}</a>
        </div>
        {props.table}
        <ListPager locale={locale} page={props.pager.page} pages={props.pager.pages} href={props.pager.href} />
      </div>
    </StorefrontFrame>
  );
}
