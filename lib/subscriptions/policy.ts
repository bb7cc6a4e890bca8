import { DomainError } from '../errors';

/** What a seat or plan change is judged on: the subscription as it stands, and what is under way. */
export interface ChangeState {
  status: string;
  seats: number;
  /** Seats ordered and still being set up. */
  pendingSeats: number;
  pendingUpgrade: boolean;
  assigned: number;
  cancelAtPeriodEnd: boolean;
  billingPeriod: 'month' | 'year';
}

interface PlanLimits {
  minSeats: number;
  maxSeats: number;
}

/**
 * Why changing to `seats` is refused, or null. The one policy: the subscription page says it
 * before it offers a button, and the command (lib/subscriptions/commands.ts) throws it.
 */
export function seatChangeRefusal(s: ChangeState, plan: PlanLimits, seats: number): DomainError | null {
  if (s.status !== 'active') return new DomainError('subscription_inactive', `This subscription is ${s.status} and cannot be changed.`);
  if (!Number.isInteger(seats) || seats < plan.minSeats || seats > plan.maxSeats) {
    return new DomainError('invalid_seats', `Choose between ${plan.minSeats} and ${plan.maxSeats} seats for this plan.`, { min: plan.minSeats, max: plan.maxSeats });
  }
  if (seats < s.assigned) return new DomainError('below_assigned', `${s.assigned} seats are assigned to people. Unassign seats before going below ${s.assigned}.`);
  const effective = s.seats + s.pendingSeats;
  if (seats > effective && s.cancelAtPeriodEnd) return new DomainError('cancelling', 'This subscription is set to cancel. Withdraw the cancellation before adding seats.');
  if (seats < effective && s.pendingSeats > 0) return new DomainError('change_pending', 'Seats you added are still being set up. Try again once they are.');
  return null;
}

/** Why moving to the plan `target` (on the product's path) is refused, or null; `seats` are those it would keep. */
export function planChangeRefusal(s: ChangeState, target: PlanLimits, seats: number): DomainError | null {
  if (s.status !== 'active') return new DomainError('subscription_inactive', `This subscription is ${s.status} and cannot be changed.`);
  if (s.pendingUpgrade || s.pendingSeats > 0) return new DomainError('change_pending', 'A change of this subscription is still being set up. Try again once it is.');
  if (s.cancelAtPeriodEnd) return new DomainError('cancelling', 'This subscription is set to cancel. Withdraw the cancellation before changing the plan.');
  if (seats < target.minSeats || seats > target.maxSeats) {
    return new DomainError('plan_seat_limits', `That plan takes between ${target.minSeats} and ${target.maxSeats} seats; this subscription has ${seats}.`);
  }
  return null;
}

/** What the upgrade path needs of a product. */
export interface PathProduct {
  id: string;
  sku: string;
  upgradesTo: string[];
  connectorKey: string;
  type: string;
}

/**
 * How a subscription of product `from` may reach a plan of product `to`: within its product, up
 * the vendor's upgrade path (`from` names `to`), or back down it (`to` names `from`); null when
 * no path leads there. A path never crosses connectors: the vendor moves a subscription only
 * between its own products.
 */
export function planPath(from: PathProduct, to: PathProduct): 'same_product' | 'upgrade' | 'downgrade' | null {
  if (from.id === to.id) return 'same_product';
  if (from.connectorKey !== to.connectorKey || from.type === 'storefront_plan' || to.type === 'storefront_plan') return null;
  if (from.upgradesTo.includes(to.sku)) return 'upgrade';
  if (to.upgradesTo.includes(from.sku)) return 'downgrade';
  return null;
}

interface Terms {
  billingPeriod: 'month' | 'year';
  termMonths: number;
}

/**
 * Whether a move waits for the renewal whatever it costs: another billing period or term (a
 * period is never split between two), or down the upgrade path (the vendor takes those only
 * at the renewal). Otherwise a dearer plan applies at once and a cheaper one at the renewal.
 */
export function movesAtRenewal(path: 'same_product' | 'upgrade' | 'downgrade', current: Terms, target: Terms): boolean {
  return path === 'downgrade' || current.billingPeriod !== target.billingPeriod || current.termMonths !== target.termMonths;
}

/** Why the subscription cannot be suspended now, or null: only an active one, with no change under way. */
export function suspendRefusal(s: ChangeState): DomainError | null {
  if (s.status !== 'active') return new DomainError('subscription_inactive', `This subscription is ${s.status} and cannot be changed.`);
  if (s.pendingUpgrade || s.pendingSeats > 0) return new DomainError('change_pending', 'A change of this subscription is still being set up. Try again once it is.');
  return null;
}

/** Why the subscription cannot be reactivated, or null: only a suspended one. */
export function reactivateRefusal(s: Pick<ChangeState, 'status'>): DomainError | null {
  if (s.status !== 'suspended') return new DomainError('not_suspended', 'This subscription is not suspended.');
  return null;
}
