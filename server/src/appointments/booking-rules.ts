import type { BookingRulesRow } from '../db/types.ts';
import type { WeekHours } from '../domain/slots.ts';

// The hall-wide booking rules and opening hours a hall has until its manager saves its own.

/** The hall-wide booking rules (DESIGN: Appointments; README: Booking rules). */
export interface BookingRules {
  /** Bookings of one person that may be active (booked, not yet due) at once. */
  maxActiveBookings: number;
  /** One active booking per person, matter and day. */
  oneBookingPerMatterPerDay: boolean;
  /** This many no-shows within `noShowWindowDays` block booking for `blockDays`; 0 = never. */
  noShowThreshold: number;
  noShowWindowDays: number;
  blockDays: number;
  /** Check-in opens this long before the slot start and closes this long after it. */
  checkInBeforeMinutes: number;
  checkInAfterMinutes: number;
  /** Personal fields are erased this many days after the service day. */
  retentionDays: number;
  /** Hall time on the day before at which reminders go out. */
  reminderTime: string;
  /** 截止取号: walk-in issuing stops this many minutes before closing (a matter may differ). */
  lastTicketMinutes: number;
}

export const DEFAULT_BOOKING_RULES: BookingRules = {
  maxActiveBookings: 3,
  oneBookingPerMatterPerDay: true,
  noShowThreshold: 2,
  noShowWindowDays: 90,
  blockDays: 90,
  checkInBeforeMinutes: 30,
  checkInAfterMinutes: 15,
  retentionDays: 30,
  reminderTime: '16:00',
  lastTicketMinutes: 30,
};

const WEEKDAY_HOURS = { open: '09:00', close: '17:00', lunchStart: '12:00', lunchEnd: '13:30' };
export const DEFAULT_HOURS: WeekHours = {
  '1': WEEKDAY_HOURS,
  '2': WEEKDAY_HOURS,
  '3': WEEKDAY_HOURS,
  '4': WEEKDAY_HOURS,
  '5': WEEKDAY_HOURS,
  '6': null,
  '7': null,
};

export const rulesFrom = (stored: BookingRulesRow | null | undefined): BookingRules => ({
  ...DEFAULT_BOOKING_RULES,
  ...(stored ?? {}),
});
