// What the resident pages read from the API (see API.md; the zod schemas are the reference).

export type { Appointment } from '../server/src/appointments/appointment-view.ts';

export interface MatterSlotSettings {
  matterId: string;
  bookable: boolean;
  slotMinutes: number;
  horizonDays: number;
  minNoticeMinutes: number;
  cancelBeforeMinutes: number;
}

/** The public part of GET /halls/:hallId/schedule the pages use. */
export interface Schedule {
  timezone: string;
  rules: { checkInBeforeMinutes: number; checkInAfterMinutes: number; maxActiveBookings: number };
  matters: MatterSlotSettings[];
}
