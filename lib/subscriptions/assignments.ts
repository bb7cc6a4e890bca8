import { and, eq, sql } from 'drizzle-orm';
import { memberships, plans, products, seatAssignments, subscriptions, users } from '../db/schema';
import { DomainError } from '../errors';
import type { Db } from '../db/client';
import { loadForChange, type ActionContext, type ActionResult } from './commands';
import { recordEvent } from './history';

async function memberOf(db: Db, tenantId: string, organizationId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row ?? null;
}

/**
 * Gives one seat to a person of the organisation. The subscription's row is locked (loadForChange),
 * so two admins assigning at once cannot give out more seats than it has; a decrease waiting for
 * the renewal counts, so the renewal never finds more people than seats.
 */
export async function assignSeat(ctx: ActionContext, input: { subscriptionId: string; userId: string }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  if (l.sub.status !== 'active') throw new DomainError('subscription_inactive', `This subscription is ${l.sub.status}; its seats cannot be assigned.`);
  const person = await memberOf(ctx.db, ctx.tenant.id, l.sub.organizationId, input.userId);
  if (!person) throw new DomainError('not_member');
  const seats = Math.min(l.sub.seats, l.sub.scheduledSeats ?? l.sub.seats);
  if (l.assigned >= seats) {
    throw new DomainError('all_assigned', `All ${seats} seats are assigned${l.sub.scheduledSeats !== null ? ' (counting the decrease scheduled for the renewal)' : ''}. Add seats or unassign someone first.`);
  }
  const [added] = await ctx.db
    .insert(seatAssignments)
    .values({ tenantId: ctx.tenant.id, subscriptionId: l.sub.id, userId: person.id, assignedAt: ctx.now, assignedBy: ctx.viewer.email })
    .onConflictDoNothing()
    .returning({ userId: seatAssignments.userId });
  if (!added) return { notice: 'already_assigned' };
  await recordEvent(ctx.db, { tenantId: ctx.tenant.id, subscriptionId: l.sub.id, at: ctx.now, actor: ctx.viewer.email, kind: 'seat_assigned', note: person.email });
  return { notice: 'seat_assigned' };
}

export async function unassignSeat(ctx: ActionContext, input: { subscriptionId: string; userId: string }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  const [removed] = await ctx.db
    .delete(seatAssignments)
    .where(and(eq(seatAssignments.tenantId, ctx.tenant.id), eq(seatAssignments.subscriptionId, l.sub.id), eq(seatAssignments.userId, input.userId)))
    .returning({ userId: seatAssignments.userId });
  if (!removed) throw new DomainError('no_assignment');
  const [person] = await ctx.db.select({ email: users.email }).from(users).where(and(eq(users.tenantId, ctx.tenant.id), eq(users.id, input.userId)));
  await recordEvent(ctx.db, { tenantId: ctx.tenant.id, subscriptionId: l.sub.id, at: ctx.now, actor: ctx.viewer.email, kind: 'seat_unassigned', note: person?.email ?? input.userId });
  return { notice: 'seat_unassigned' };
}

/** What a person has been given, for their account page. */
export async function assignedTo(db: Db, tenantId: string, userId: string) {
  return db
    .select({ subscriptionId: seatAssignments.subscriptionId, assignedAt: seatAssignments.assignedAt, organizationId: subscriptions.organizationId, productName: products.name, planName: plans.name })
    .from(seatAssignments)
    .innerJoin(subscriptions, and(eq(subscriptions.tenantId, seatAssignments.tenantId), eq(subscriptions.id, seatAssignments.subscriptionId)))
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .where(and(eq(seatAssignments.tenantId, tenantId), eq(seatAssignments.userId, userId), sql`${subscriptions.status} <> 'cancelled'`));
}
