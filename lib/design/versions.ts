import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { designVersions, media, tenants, type DesignVersionRow, type LogoSet } from '../db/schema';
import { DomainError } from '../errors';
import { assertPlanAllows } from '../reselling/plans';
import { designDefaultsChanged, tenantChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';
import { getTheme, isThemeName, THEME_NAMES } from '../../themes';
import { mergeTokens, tokenSchema, type ThemeTokens, type TokenName } from '../../themes/tokens';
import { contrastReport } from './contrast';
import type { Rendition } from './logo';

/** What a storefront looks like: the published one (from the tenant row) or its draft. */
export interface Design {
  theme: string;
  overrides: Record<string, string>;
  logo: LogoSet | null;
}

export function liveDesign(tenant: Pick<Tenant, 'theme' | 'themeOverrides' | 'logo'>): Design {
  return { theme: tenant.theme, overrides: tenant.themeOverrides, logo: tenant.logo };
}

/** The tokens a storefront starts from before its own overrides: its theme's, then the distributor's defaults. */
export function baseTokens(themeName: string, inherited: unknown): ThemeTokens {
  return mergeTokens(getTheme(themeName).tokens, inherited);
}

export function designTokens(design: Pick<Design, 'theme' | 'overrides'>, inherited: unknown): ThemeTokens {
  return mergeTokens(baseTokens(design.theme, inherited), design.overrides);
}

const TOKEN_NAMES = Object.keys(tokenSchema.shape) as TokenName[];

const tokenFields = Object.fromEntries(TOKEN_NAMES.map((name) => [name, z.string().trim().toLowerCase().optional()])) as Record<
  TokenName,
  z.ZodOptional<z.ZodString>
>;

export const draftInput = z.strictObject({
  theme: z.string().refine(isThemeName, `must be one of ${THEME_NAMES.join(', ')}`),
  // The form sends every token; only those that differ from what the storefront inherits are kept.
  ...tokenFields,
  reset: z.enum(['tokens']).optional(),
});

export type DraftInput = z.output<typeof draftInput>;

export async function getDraft(db: Db, tenantId: string): Promise<DesignVersionRow | null> {
  const [row] = await db.select().from(designVersions).where(and(eq(designVersions.tenantId, tenantId), isNull(designVersions.number))).limit(1);
  return row ?? null;
}

export async function listVersions(db: Db, tenantId: string, limit = 50): Promise<DesignVersionRow[]> {
  return db.select().from(designVersions).where(and(eq(designVersions.tenantId, tenantId), isNotNull(designVersions.number))).orderBy(desc(designVersions.number)).limit(limit);
}

/**
 * Saves the theme and tokens to the storefront's draft (made from the live design if there is
 * none): what customers see does not change. Refused, with nothing saved, when the plan does not
 * include it or a text colour would fail WCAG AA against its background.
 */
export async function saveDraft(db: Db, tenant: Tenant, input: DraftInput, userId: string): Promise<DesignVersionRow> {
  const current = (await getDraft(db, tenant.id)) ?? null;
  const start = current ?? (await liveNow(db, tenant));
  if (input.theme !== start.theme) assertPlanAllows(tenant, 'presetThemes');
  const base = baseTokens(input.theme, tenant.inheritedTokens);
  // The form still shows the previous theme's values when the theme is switched: those are not
  // choices of the storefront's, only what it differs from that theme by carries over.
  const previous = baseTokens(start.theme, tenant.inheritedTokens);
  const inherited = (name: TokenName, value: string) => value === base[name].toLowerCase() || (input.theme !== start.theme && value === previous[name].toLowerCase() && start.overrides[name] === undefined);
  const sentTokens = TOKEN_NAMES.some((name) => input[name] !== undefined);
  // A form without token fields (a plan without branding shows them disabled) keeps the tokens as they are.
  const overrides: Record<string, string> = input.reset !== 'tokens' && !sentTokens ? { ...start.overrides } : {};
  if (input.reset !== 'tokens' && sentTokens) {
    const problems: string[] = [];
    for (const name of TOKEN_NAMES) {
      const value = input[name];
      // A token the request does not name keeps what the storefront has; an empty one clears it.
      if (value === undefined) {
        if (start.overrides[name] !== undefined) overrides[name] = start.overrides[name];
        continue;
      }
      if (value === '' || inherited(name, value)) continue;
      const checked = tokenSchema.shape[name].safeParse(value);
      if (!checked.success) problems.push(`${name}: ${checked.error.issues[0]?.message ?? 'invalid'}`);
      else overrides[name] = value;
    }
    if (problems.length) throw new DomainError('invalid_input', `Some design tokens are not valid: ${problems.join('; ')}`, { fields: problems });
  }
  const changedTokens = JSON.stringify(sortKeys(overrides)) !== JSON.stringify(sortKeys(start.overrides));
  if (changedTokens && Object.keys(overrides).length > 0) assertPlanAllows(tenant, 'branding');
  assertReadable(mergeTokens(base, overrides));
  return writeDraft(db, tenant, current, { theme: input.theme, overrides, logo: start.logo }, userId);
}

/** Puts a processed logo (or none) into the draft; its files are stored now, served once published or previewed. */
export async function setDraftLogo(db: Db, tenant: Tenant, logo: { set: LogoSet; renditions: Rendition[] } | null, userId: string): Promise<DesignVersionRow> {
  if (logo) {
    assertPlanAllows(tenant, 'branding');
    await db
      .insert(media)
      .values(logo.renditions.map((r) => ({ tenantId: tenant.id, hash: r.hash, contentType: r.contentType, width: r.width, height: r.height, bytes: r.bytes })))
      .onConflictDoNothing();
  }
  const current = await getDraft(db, tenant.id);
  const start = current ?? (await liveNow(db, tenant));
  return writeDraft(db, tenant, current, { ...start, logo: logo?.set ?? null }, userId);
}

export async function discardDraft(db: Db, tenantId: string): Promise<void> {
  await db.delete(designVersions).where(and(eq(designVersions.tenantId, tenantId), isNull(designVersions.number)));
}

/**
 * Makes the draft the live design: it becomes the next numbered version, the tenant row takes
 * its theme, tokens and logo, and the storefront's cached pages expire. Two admins publishing at
 * once: the version number's unique index lets one win, the other is told to reload.
 */
export async function publishDraft(db: Db, tenant: Tenant, userId: string, at: Date): Promise<number> {
  const draft = await getDraft(db, tenant.id);
  if (!draft) throw new DomainError('no_draft');
  await keepStartingDesign(db, tenant, at);
  const number = await nextNumber(db, tenant.id);
  await db.update(designVersions).set({ number, publishedAt: at, publishedBy: userId }).where(and(eq(designVersions.tenantId, tenant.id), eq(designVersions.id, draft.id)));
  await goLive(db, tenant.id, { theme: draft.theme, overrides: draft.overrides, logo: draft.logo }, number);
  return number;
}

/** Publishes a copy of an earlier version (history only grows); an unpublished draft is kept. */
export async function restoreVersion(db: Db, tenant: Tenant, version: number, userId: string, at: Date): Promise<number> {
  const [old] = await db.select().from(designVersions).where(and(eq(designVersions.tenantId, tenant.id), eq(designVersions.number, version))).limit(1);
  if (!old) throw new DomainError('not_found', `There is no version ${version}.`);
  const number = await nextNumber(db, tenant.id);
  await db.insert(designVersions).values({
    tenantId: tenant.id, number, theme: old.theme, overrides: old.overrides, logo: old.logo, restoredFrom: version,
    updatedBy: userId, publishedAt: at, publishedBy: userId,
  });
  await goLive(db, tenant.id, { theme: old.theme, overrides: old.overrides, logo: old.logo }, number);
  return number;
}

/**
 * The distributor's default tokens, which every reseller storefront inherits below its own
 * overrides. Expires every reseller's cached pages through one tag of the distributor's.
 */
export async function setDefaultTokens(db: Db, distributor: Tenant, input: Partial<Record<TokenName, string>>): Promise<Record<string, string>> {
  if (distributor.kind !== 'distributor') throw new DomainError('forbidden');
  const [row] = await db.select({ defaultTokens: tenants.defaultTokens }).from(tenants).where(eq(tenants.id, distributor.id)).for('update');
  const current = row?.defaultTokens ?? {};
  const defaults: Record<string, string> = {};
  const problems: string[] = [];
  for (const name of TOKEN_NAMES) {
    // A token the request does not name keeps its default; an empty one removes it.
    if (input[name] === undefined) {
      if (current[name] !== undefined) defaults[name] = current[name];
      continue;
    }
    const value = input[name].trim().toLowerCase();
    if (!value) continue;
    const checked = tokenSchema.shape[name].safeParse(value);
    if (checked.success) defaults[name] = value;
    else problems.push(`${name}: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (problems.length) throw new DomainError('invalid_input', `Some design tokens are not valid: ${problems.join('; ')}`, { fields: problems });
  // Each theme must stay readable with the defaults on top, or every reseller on it would inherit the problem.
  for (const name of THEME_NAMES) assertReadable(mergeTokens(getTheme(name).tokens, defaults), getTheme(name).label);
  await db.update(tenants).set({ defaultTokens: defaults, updatedAt: sql`now()` }).where(eq(tenants.id, distributor.id));
  await designDefaultsChanged(db, distributor.id);
  return defaults;
}

function assertReadable(tokens: ThemeTokens, theme?: string): void {
  const failing = contrastReport(tokens).filter((r) => !r.passes);
  if (!failing.length) return;
  const details = failing.map((r) => `${r.id}: ${r.fg} on ${r.bg} is ${r.ratio.toFixed(2)}:1`);
  throw new DomainError(
    'contrast_too_low',
    `${theme ? `With the ${theme} theme, s` : 'S'}ome text would be hard to read (WCAG AA needs at least 4.5:1): ${details.join('; ')}.`,
    { pairs: details },
  );
}

async function writeDraft(db: Db, tenant: Tenant, current: DesignVersionRow | null, design: Design, userId: string): Promise<DesignVersionRow> {
  if (current) {
    const [row] = await db
      .update(designVersions)
      .set({ theme: design.theme, overrides: design.overrides, logo: design.logo, updatedBy: userId, updatedAt: sql`now()` })
      .where(and(eq(designVersions.tenantId, tenant.id), eq(designVersions.id, current.id)))
      .returning();
    return row!;
  }
  const [row] = await db.insert(designVersions).values({ tenantId: tenant.id, theme: design.theme, overrides: design.overrides, logo: design.logo, updatedBy: userId }).returning();
  return row!;
}

/**
 * A storefront's first publish from the portal keeps the design it had until then as version 1,
 * so that one can be restored like any other.
 */
async function keepStartingDesign(db: Db, tenant: Tenant, at: Date): Promise<void> {
  if ((await nextNumber(db, tenant.id)) > 1) return;
  const live = await liveNow(db, tenant);
  await db.insert(designVersions).values({ tenantId: tenant.id, number: 1, theme: live.theme, overrides: live.overrides, logo: live.logo, publishedAt: at, publishedBy: null });
}

/** The published design as the database has it now (the request's tenant may be a few seconds old). */
async function liveNow(db: Db, tenant: Tenant): Promise<Design> {
  const [row] = await db.select({ theme: tenants.theme, overrides: tenants.themeOverrides, logo: tenants.logo }).from(tenants).where(eq(tenants.id, tenant.id)).limit(1);
  return row ? { theme: row.theme, overrides: row.overrides, logo: row.logo ?? null } : liveDesign(tenant);
}

async function nextNumber(db: Db, tenantId: string): Promise<number> {
  const [row] = await db.select({ last: sql<number | null>`max(${designVersions.number})` }).from(designVersions).where(eq(designVersions.tenantId, tenantId));
  return Number(row?.last ?? 0) + 1;
}

async function goLive(db: Db, tenantId: string, design: Design, number: number): Promise<void> {
  await db
    .update(tenants)
    .set({ theme: design.theme, themeOverrides: design.overrides, logo: design.logo, designVersion: number, updatedAt: sql`now()` })
    .where(eq(tenants.id, tenantId));
  await tenantChanged(db, tenantId);
}

function sortKeys(value: Record<string, string>): [string, string][] {
  return Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
}
