// What the resident pages read from the API (see API.md; the zod schemas are the reference).

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show' | 'done';

export interface Appointment {
  id: string;
  hallId: string;
  matterId: string;
  code: string;
  start: string;
  end: string;
  serviceDay: string;
  status: AppointmentStatus;
  /** Masked: 张* */
  name: string | null;
  /** Masked: 110***********1234 */
  idNumber: string | null;
  /** Masked: 138****5678 */
  phone: string | null;
  ticketId: string | null;
  createdAt: string;
  cancelledAt: string | null;
  checkedInAt: string | null;
  changeableUntil: string;
  checkInFrom: string;
  checkInUntil: string;
  token?: string;
  manageUrl?: string;
}

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
