import { prorate } from '../periods';

/** What the commitment clock needs of a subscription and its plan. */
export interface ClockSubject {
  status: 'active' | 'suspended' | 'cancelled';
  seats: number;
  unitPrice: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  plan: { minSeats: number; maxSeats: number; cancellationWindowHours: number };
  /** Seats given to people: never reduced below. */
  assigned: number;
}

export interface CommitmentClock {
  /** The cancellation window opens at the start of every period (purchase or renewal). */
  windowEndsAt: Date;
  windowOpen: boolean;
  windowSecondsLeft: number;
  /** The fewest seats the subscription may have: the plan's minimum or the seats assigned. */
  floor: number;
  /** How many seats can be given back now, with a credit (0 once the window has closed). */
  reducibleNow: number;
  renewsAt: Date;
}

export function commitmentClock(s: ClockSubject, now: Date): CommitmentClock {
  const windowEndsAt = new Date(Math.min(s.currentPeriodStart.getTime() + s.plan.cancellationWindowHours * 3_600_000, s.currentPeriodEnd.getTime()));
  const windowOpen = s.status === 'active' && now < windowEndsAt;
  const floor = Math.max(s.plan.minSeats, s.assigned);
  return {
    windowEndsAt,
    windowOpen,
    windowSecondsLeft: windowOpen ? Math.floor((windowEndsAt.getTime() - now.getTime()) / 1000) : 0,
    floor,
    reducibleNow: windowOpen ? Math.max(0, s.seats - floor) : 0,
    renewsAt: s.currentPeriodEnd,
  };
}

/**
 * What a change does, before anyone confirms it: when it takes effect and the money. `amount` is
 * signed (a charge positive, a credit negative); `renewalAmount` is what each renewal will cost.
 */
export interface Quote {
  effect: 'now' | 'renewal';
  amount: number;
  renewalAmount: number;
}

/** Seats to `seats`: more at once (charged for the rest of the period); fewer at once inside the window (credited), else at renewal. */
export function quoteSeats(s: ClockSubject, seats: number, now: Date): Quote {
  const clock = commitmentClock(s, now);
  const delta = seats - s.seats;
  const rest = (amount: number) => prorate(amount, s.currentPeriodStart, s.currentPeriodEnd, now);
  if (delta >= 0) return { effect: 'now', amount: rest(s.unitPrice * delta), renewalAmount: s.unitPrice * seats };
  if (clock.windowOpen) return { effect: 'now', amount: -rest(s.unitPrice * -delta), renewalAmount: s.unitPrice * seats };
  return { effect: 'renewal', amount: 0, renewalAmount: s.unitPrice * seats };
}

/** Cancelling: at once inside the window (the rest of the period credited), else at period end. */
export function quoteCancel(s: ClockSubject, now: Date): Quote {
  if (commitmentClock(s, now).windowOpen) return { effect: 'now', amount: -prorate(s.unitPrice * s.seats, s.currentPeriodStart, s.currentPeriodEnd, now), renewalAmount: 0 };
  return { effect: 'renewal', amount: 0, renewalAmount: 0 };
}

/**
 * A plan at `unitPrice`: dearer at once (old plan's rest credited, new plan's rest charged),
 * cheaper or equal at renewal, and at renewal whatever its price when `atRenewal` (another billing
 * period or term). `renewalAmount` is per renewal of the plan's own period, for `renewalSeats`.
 */
export function quotePlan(s: ClockSubject, unitPrice: number, now: Date, options: { atRenewal?: boolean; renewalSeats?: number } = {}): Quote & { credit: number; charge: number } {
  const renewalAmount = unitPrice * (options.renewalSeats ?? s.seats);
  if (options.atRenewal || unitPrice <= s.unitPrice) return { effect: 'renewal', amount: 0, renewalAmount, credit: 0, charge: 0 };
  const credit = prorate(s.unitPrice * s.seats, s.currentPeriodStart, s.currentPeriodEnd, now);
  const charge = prorate(unitPrice * s.seats, s.currentPeriodStart, s.currentPeriodEnd, now);
  return { effect: 'now', amount: charge - credit, renewalAmount, credit, charge };
}
