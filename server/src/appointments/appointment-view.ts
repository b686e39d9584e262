import type { DocumentType } from '../domain/id-number.ts';
import { DateTime } from 'luxon';
import type { AppointmentRow, AppointmentStatus } from '../db/types.ts';
import type { HallEventData } from '../realtime/protocol.ts';
import type { BookingRules } from './booking-rules.ts';

// How an appointment is shown: personal fields only in their masked forms, times with the
// hall's offset, and the moments that matter to the resident (change and check-in limits).

export interface Appointment {
  id: string;
  hallId: string;
  matterId: string;
  /** The booking code to type at the kiosk. */
  code: string;
  start: string;
  end: string;
  serviceDay: string;
  status: AppointmentStatus;
  /** 张* — null once erased by the retention job. */
  name: string | null;
  /** 110***********1234 */
  idNumber: string | null;
  documentType: DocumentType;
  /** 138****5678 */
  phone: string | null;
  ticketId: string | null;
  createdAt: string;
  cancelledAt: string | null;
  checkedInAt: string | null;
  /** The last moment the resident may cancel or change it. */
  changeableUntil: string;
  checkInFrom: string;
  checkInUntil: string;
  /** True once the resident typed the code texted to the phone (phone-confirmation.ts). */
  phoneConfirmed: boolean;
  /** An unconfirmed booking is released at this time. */
  confirmBy: string | null;
  token?: string;
  /** The holder's page to see, change or cancel it (with `token`, only in the booking answer). */
  manageUrl?: string;
}

export interface ViewContext {
  timezone: string;
  cancelBeforeMinutes: number;
  rules: Pick<BookingRules, 'checkInBeforeMinutes' | 'checkInAfterMinutes'>;
}

export const inZone = (d: Date | string, timezone: string): string =>
  DateTime.fromJSDate(new Date(d), { zone: timezone }).toISO()!;

const minutesFrom = (d: Date | string, minutes: number) => new Date(new Date(d).getTime() + minutes * 60_000);

export function toAppointment(row: AppointmentRow, ctx: ViewContext, token?: string): Appointment {
  const tz = ctx.timezone;
  const iso = (d: Date | string | null) => (d === null ? null : inZone(d, tz));
  return {
    id: row.id,
    hallId: row.hall_id,
    matterId: row.matter_id,
    code: row.code,
    start: inZone(row.slot_start, tz),
    end: inZone(row.slot_end, tz),
    serviceDay: row.service_day,
    status: row.status,
    name: row.name_masked,
    idNumber: row.id_masked,
    documentType: row.id_type as DocumentType,
    phone: row.phone_masked,
    ticketId: row.ticket_id,
    createdAt: inZone(row.created_at, tz),
    cancelledAt: iso(row.cancelled_at),
    checkedInAt: iso(row.checked_in_at),
    changeableUntil: inZone(minutesFrom(row.slot_start, -ctx.cancelBeforeMinutes), tz),
    checkInFrom: inZone(minutesFrom(row.slot_start, -ctx.rules.checkInBeforeMinutes), tz),
    checkInUntil: inZone(minutesFrom(row.slot_start, ctx.rules.checkInAfterMinutes), tz),
    phoneConfirmed: row.phone_confirmed_at !== null,
    confirmBy: row.phone_confirmed_at === null ? iso(row.confirm_by) : null,
    ...(token ? { token, manageUrl: manageUrl(row.id, token) } : {}),
  };
}

/**
 * The resident's manage page (resident/manage), relative to the server's origin: the token in
 * the fragment, which browsers never send, so no server or proxy log holds it.
 */
export const manageUrl = (id: string, token: string): string =>
  `/resident/manage?${new URLSearchParams({ id }).toString()}#t=${encodeURIComponent(token)}`;

/** What a hall event says about an appointment: never personal data, never the code. */
export function appointmentEventData(
  row: AppointmentRow,
  action: HallEventData<'appointment.updated'>['action'],
): HallEventData<'appointment.updated'> {
  return {
    appointmentId: row.id,
    matterId: row.matter_id,
    start: new Date(row.slot_start).toISOString(),
    serviceDay: row.service_day,
    status: row.status,
    ticketId: row.ticket_id,
    action,
  };
}
