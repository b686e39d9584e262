import { DateTime } from 'luxon';
import type { Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { FieldCrypto } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { AppointmentRow } from '../db/types.ts';
import { serviceDay } from '../domain/numbering.ts';
import { AppError, invalidTransition, notFound } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { matterAndNextSeq } from '../tickets/tickets.repository.ts';
import type { Ticket, TicketsService } from '../tickets/tickets.service.ts';
import { appointmentEventData } from './appointment-view.ts';
import { type DocumentIn, documentOf, idHashOf } from './documents.ts';
import * as repo from './appointments.repository.ts';
import type { BookingRules } from './booking-rules.ts';
import type { ScheduleService } from './schedule.service.ts';

// Kiosk check-in: a booking becomes an appointment-class ticket, due from slot start minus the
// hall's lead. The appointment row is locked for the whole check-in, so a double tap on the
// kiosk gets ALREADY_CHECKED_IN instead of a second ticket.

export type CheckInInput = { code: string } | DocumentIn;

const MINUTE = 60_000;

export class CheckInService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly halls: HallsService,
    private readonly schedule: ScheduleService,
    private readonly tickets: TicketsService,
  ) {}

  /**
   * `kioskHall`: the hall of the paired kiosk that sent the request. Checking in by document
   * needs one (or staff): a stranger who knows my ID number must not check in my booking from
   * afar nor learn its time (issue 16, finding 5). Refusals by document never name the time.
   */
  async checkIn(
    hallId: string,
    input: CheckInInput,
    staff: Staff | null,
    kioskHall: string | null = null,
  ): Promise<Ticket> {
    const byDocument = !('code' in input);
    if (byDocument && !staff && kioskHall !== hallId) {
      throw new AppError(
        'CHECK_IN_DEVICE_REQUIRED',
        'Checking in with an ID number is done at a kiosk of the hall; elsewhere use the booking code',
      );
    }
    const hall = await this.halls.get(hallId);
    const now = this.clock.now();
    const rules = await this.schedule.rules(hallId);
    const found = await this.find(hallId, input, now, hall.timezone, rules);
    const lead = hall.settings.policy.appointmentDueLeadMinutes;

    const { ticket } = await transact(this.db, async (tx) => {
      const appt = await repo.lockAppointment(tx, found.id);
      if (!appt) throw notFound('Appointment');
      if (appt.status === 'checked_in') {
        const issued = appt.ticket_id
          ? await tx
              .selectFrom('tickets')
              .select('number')
              .where('id', '=', appt.ticket_id)
              .executeTakeFirst()
          : undefined;
        throw alreadyCheckedIn(issued?.number ?? null, appt.ticket_id);
      }
      if (appt.status !== 'booked')
        throw invalidTransition(`The appointment is ${appt.status.replace('_', '-')}`);
      assertWindow(appt, now, rules, hall.timezone, byDocument);
      const day = serviceDay(now, hall.timezone);
      const matter = await matterAndNextSeq(tx, hallId, appt.matter_id, day, { activeOnly: false });
      if (!matter) throw notFound('Matter');
      const seq = matter.next_seq;
      const ticket = await this.tickets.insertIssued(tx, {
        hallId,
        matterId: matter.id,
        prefix: matter.prefix,
        seq,
        day,
        ticketClass: 'appointment',
        channel: 'check-in',
        now,
        phoneEnc: appt.phone_enc,
        idempotencyKey: null,
        staffId: staff?.id ?? null,
        dueAt: new Date(new Date(appt.slot_start).getTime() - lead * MINUTE),
        appointmentId: appt.id,
      });
      const row = await repo.updateAppointment(tx, appt.id, {
        status: 'checked_in',
        checked_in_at: now,
        ticket_id: ticket.id,
        updated_at: now,
      });
      await appendHallEvent(tx, hallId, 'appointment.updated', appointmentEventData(row, 'check_in'), now);
      return { ticket };
    });
    return this.tickets.toTicket(ticket, true);
  }

  /** The booking to check in: by its code, or the person's booking that fits now best. */
  private async find(
    hallId: string,
    input: CheckInInput,
    now: Date,
    tz: string,
    rules: BookingRules,
  ): Promise<AppointmentRow> {
    if ('code' in input) {
      const row = await repo.findByCode(this.db, hallId, input.code);
      if (!row) throw new AppError('NOT_FOUND', 'No booking with this code; please check the code');
      return row;
    }
    const id = documentOf(input, serviceDay(now, tz));
    const rows = await repo.activeByPerson(this.db, hallId, idHashOf(this.crypto, id.key));
    if (!rows.length) throw new AppError('NOT_FOUND', 'No booking can be checked in with this document now');
    const today = serviceDay(now, tz);
    const booked = rows.filter((r) => r.status === 'booked');
    // Prefer a booking whose window is open now, then today's nearest, then a checked-in one
    // of today (ALREADY_CHECKED_IN), then the next one (CHECK_IN_TOO_EARLY).
    const open = booked.find(
      (r) => windowOf(r, rules).from <= now.getTime() && now.getTime() <= windowOf(r, rules).until,
    );
    if (open) return open;
    const todays = booked.filter((r) => r.service_day === today);
    const nearest = todays.sort(
      (a, b) =>
        Math.abs(new Date(a.slot_start).getTime() - now.getTime()) -
        Math.abs(new Date(b.slot_start).getTime() - now.getTime()),
    )[0];
    if (nearest) return nearest;
    const checkedIn = rows.find((r) => r.status === 'checked_in' && r.service_day === today);
    if (checkedIn) return checkedIn;
    return booked[0] ?? rows[0]!;
  }
}

function windowOf(row: AppointmentRow, rules: BookingRules) {
  const start = new Date(row.slot_start).getTime();
  return {
    start,
    from: start - rules.checkInBeforeMinutes * MINUTE,
    until: start + rules.checkInAfterMinutes * MINUTE,
  };
}

function assertWindow(
  row: AppointmentRow,
  now: Date,
  rules: BookingRules,
  tz: string,
  byDocument: boolean,
): void {
  const w = windowOf(row, rules);
  if (byDocument) {
    if (now.getTime() < w.from)
      throw new AppError(
        'CHECK_IN_TOO_EARLY',
        `Check-in opens ${rules.checkInBeforeMinutes} minutes before the booked time; please see your text message`,
        [{ reason: 'too_early' }],
      );
    if (now.getTime() > w.until)
      throw new AppError(
        'CHECK_IN_TOO_LATE',
        'Check-in for this booking has closed. You can take a normal ticket for the same matter instead.',
        [{ reason: 'too_late', offer: 'normal_ticket', matterId: row.matter_id }],
      );
    return;
  }
  const at = (ms: number) => DateTime.fromMillis(ms, { zone: tz }).toFormat('HH:mm');
  const slot = `${row.service_day} ${at(w.start)}`;
  if (now.getTime() < w.from) {
    throw new AppError(
      'CHECK_IN_TOO_EARLY',
      `Your appointment is at ${slot}; check-in opens at ${at(w.from)}${row.service_day === serviceDay(now, tz) ? '' : ` on ${row.service_day}`}`,
      [
        {
          reason: 'too_early',
          slotStart: new Date(w.start).toISOString(),
          checkInFrom: new Date(w.from).toISOString(),
        },
      ],
    );
  }
  if (now.getTime() > w.until) {
    throw new AppError(
      'CHECK_IN_TOO_LATE',
      `Your appointment was at ${slot}; check-in closed at ${at(w.until)}. You can take a normal ticket for the same matter instead.`,
      [
        {
          reason: 'too_late',
          slotStart: new Date(w.start).toISOString(),
          checkInUntil: new Date(w.until).toISOString(),
          offer: 'normal_ticket',
          matterId: row.matter_id,
        },
      ],
    );
  }
}

function alreadyCheckedIn(number: string | null, ticketId: string | null): AppError {
  return new AppError(
    'ALREADY_CHECKED_IN',
    number
      ? `This booking is already checked in: your number is ${number}`
      : 'This booking is already checked in',
    [{ reason: 'already_checked_in', ticketId, number }],
  );
}
