import type { z } from 'zod';
import { parseCsv } from './csv';
import { decimalToMinor } from '../money';
import { productDefinition, type ProductDefinition } from './definition';

export interface ImportIssue {
  /** 1-based line in the file, when it can be told. */
  line: number | null;
  message: string;
}

export type ParseResult = { ok: true; products: ProductDefinition[] } | { ok: false; issues: ImportIssue[] };

export function parseDefinition(text: string, format: 'json' | 'csv'): ParseResult {
  return format === 'json' ? parseJson(text) : parseCsvDefinition(text);
}

function describe(issues: z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((i) => `${prefix}${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
}

function parseJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : null;
    return { ok: false, issues: [{ line, message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const list = Array.isArray(data) ? data : (data as { products?: unknown })?.products;
  if (!Array.isArray(list)) return { ok: false, issues: [{ line: 1, message: 'expected { "products": [ … ] } or an array of products' }] };
  const issues: ImportIssue[] = [];
  const products: ProductDefinition[] = [];
  list.forEach((item, index) => {
    const parsed = productDefinition.safeParse(item);
    const itemSku = (item as { sku?: unknown })?.sku;
    const line = typeof itemSku === 'string' ? lineOf(text, `"sku"`, itemSku) : null;
    if (parsed.success) products.push(parsed.data);
    else for (const message of describe(parsed.error.issues, `product ${index + 1}${typeof itemSku === 'string' ? ` (${itemSku})` : ''}: `)) issues.push({ line, message });
  });
  issues.push(...duplicates(products));
  return issues.length ? { ok: false, issues } : { ok: true, products };
}

function lineOf(text: string, key: string, value: string): number | null {
  const match = new RegExp(`${key}\\s*:\\s*${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(text);
  return match ? text.slice(0, match.index).split('\n').length : null;
}

const PRODUCT_COLUMNS = ['product_sku', 'product_slug', 'vendor', 'category', 'name_en', 'description_en', 'plan_sku', 'plan_name_en', 'billing_period', 'term_months'];

/**
 * One row per plan. Product columns repeat on each of a product's rows (the first row wins);
 * prices are `wholesale_<CUR>` and `msrp_<CUR>` columns in decimal major units (12.99).
 */
function parseCsvDefinition(text: string): ParseResult {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (error) {
    return { ok: false, issues: [{ line: null, message: (error as Error).message }] };
  }
  const [header, ...body] = rows;
  if (!header) return { ok: false, issues: [{ line: 1, message: 'the file is empty' }] };
  const columns = header.cells.map((c) => c.trim());
  const missing = PRODUCT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, issues: [{ line: header.line, message: `missing columns: ${missing.join(', ')}` }] };
  const currencies = [...new Set(columns.filter((c) => /^wholesale_[A-Z]{3}$/.test(c)).map((c) => c.slice(10)))];
  if (!currencies.length) return { ok: false, issues: [{ line: header.line, message: 'no price columns: add wholesale_EUR and msrp_EUR (or another currency)' }] };

  const issues: ImportIssue[] = [];
  const bySku = new Map<string, { line: number; raw: Record<string, unknown>; plans: { line: number; raw: Record<string, unknown> }[] }>();
  for (const row of body) {
    const get = (name: string) => row.cells[columns.indexOf(name)]?.trim() ?? '';
    if (row.cells.length !== columns.length) {
      issues.push({ line: row.line, message: `has ${row.cells.length} fields, the header has ${columns.length}` });
      continue;
    }
    const prices: Record<string, { wholesale: number; msrp: number }> = {};
    let rowOk = true;
    for (const currency of currencies) {
      const w = get(`wholesale_${currency}`);
      const m = get(`msrp_${currency}`);
      if (!w && !m) continue;
      const wholesale = decimalToMinor(w, currency);
      const msrp = decimalToMinor(m || w, currency);
      if (wholesale === null || msrp === null) {
        issues.push({ line: row.line, message: `price in ${currency} must be a decimal amount such as 12.99 (got "${w}" / "${m}")` });
        rowOk = false;
      } else prices[currency] = { wholesale, msrp };
    }
    if (!rowOk) continue;
    const localizedFrom = (prefix: string) =>
      Object.fromEntries(['en', 'de', 'fr'].map((l) => [l, get(`${prefix}_${l}`)]).filter(([, v]) => v));
    const integer = (name: string, fallback?: number) => {
      const v = get(name);
      return v === '' ? fallback : /^-?\d+$/.test(v) ? Number(v) : v;
    };
    const plan = {
      sku: get('plan_sku'),
      name: localizedFrom('plan_name'),
      billingPeriod: get('billing_period'),
      termMonths: integer('term_months'),
      minSeats: integer('min_seats', 1),
      maxSeats: integer('max_seats', 300),
      cancellationWindowHours: integer('cancellation_window_hours', 168),
      prices,
    };
    const productSku = get('product_sku');
    const existing = bySku.get(productSku);
    if (existing) existing.plans.push({ line: row.line, raw: plan });
    else {
      const bool = (name: string) => ['true', 'yes', '1'].includes(get(name).toLowerCase());
      bySku.set(productSku, {
        line: row.line,
        raw: {
          sku: productSku,
          slug: get('product_slug'),
          vendor: get('vendor'),
          category: get('category'),
          ...(columns.includes('category_name_en') && get('category_name_en') ? { categoryName: localizedFrom('category_name') } : {}),
          type: get('type') || 'saas',
          resaleOnly: bool('resale_only'),
          connector: get('connector') || 'manual',
          connectorUrl: get('connector_url') || null,
          featured: bool('featured'),
          // Product SKUs separated by spaces, commas or semicolons (one cell: "MS-M365-STD; MS-M365-PREM").
          upgradesTo: get('upgrades_to').split(/[\s,;]+/).filter(Boolean),
          name: localizedFrom('name'),
          description: localizedFrom('description'),
        },
        plans: [{ line: row.line, raw: plan }],
      });
    }
  }

  const products: ProductDefinition[] = [];
  for (const group of bySku.values()) {
    const parsed = productDefinition.safeParse({ ...group.raw, plans: group.plans.map((p) => p.raw) });
    if (parsed.success) {
      products.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      // plans.<i>.… points at the plan's own row; anything else at the product's first row.
      const planIndex = issue.path[0] === 'plans' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
      const line = planIndex !== null ? (group.plans[planIndex]?.line ?? group.line) : group.line;
      const field = planIndex !== null ? issue.path.slice(2).join('.') : issue.path.join('.');
      issues.push({ line, message: `${field ? field + ': ' : ''}${issue.message}` });
    }
  }
  issues.push(...duplicates(products));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return issues.length ? { ok: false, issues } : { ok: true, products };
}

function duplicates(products: ProductDefinition[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const seen = new Map<string, string>();
  for (const p of products) {
    for (const [kind, key] of [['product slug', p.slug], ...p.plans.map((pl) => ['plan SKU', pl.sku] as const)] as const) {
      const id = `${kind}:${key}`;
      if (seen.has(id)) issues.push({ line: null, message: `${kind} "${key}" appears twice (products ${seen.get(id)} and ${p.sku})` });
      else seen.set(id, p.sku);
    }
  }
  return issues;
}
