// Booking, viewing, cancelling and rescheduling an appointment. book() is one transaction
// whose checks must run in order under the slot lock; it is kept whole here (the document
// check is documents.ts, the messages appointment-notify.ts).
import { randomUUID } from 'node:crypto';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { FieldCrypto } from '../crypto.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { AppointmentRow, AppointmentStatus } from '../db/types.ts';
import { maskName, maskPhone } from '../domain/mask.ts';
import { serviceDay } from '../domain/numbering.ts';
import type { Slot } from '../domain/slots.ts';
import { AppError, forbidden, invalidTransition, notFound } from '../errors.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { isId } from '../schemas.ts';
import { holderToken, tokenMatches } from '../tickets/tokens.ts';
import { appointmentEventData, inZone, toAppointment, type Appointment } from './appointment-view.ts';
import * as repo from './appointments.repository.ts';
import {
  assertBookable,
  duplicateBooking,
  findSlotOrThrow,
  listSlots,
  slotFull,
  type SlotView,
} from './booking-slots.ts';
import { notifyBooking } from './appointment-notify.ts';
import {
  bookingBlocked,
  confirmPhone,
  personHashOf,
  confirmCodeFor,
  tooManyBookings,
} from './phone-confirmation.ts';
import { type DocumentIn, documentOf, idHashOf } from './documents.ts';
import type { BookingContext, ScheduleService } from './schedule.service.ts';

// Booking, viewing, cancelling and rescheduling. Every rule that two requests could race on is
// decided inside one transaction: the person's rules under a per-person lock, the slot's
// capacity by a conditional update, one booking per day by a partial unique index.

export interface BookingInput extends DocumentIn {
  matterId: string;
  start: string;
  name: string;
  /** Checked mainland mobile or E.164 number; stored encrypted and masked. */
  phone: string;
}

export interface Actor {
  staff: Staff | null;
  token?: string | undefined;
}

export class AppointmentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly crypto: FieldCrypto,
    private readonly schedule: ScheduleService,
  ) {}

  async slots(hallId: string, matterId: string, from?: string, to?: string): Promise<SlotView[]> {
    const ctx = await this.schedule.context(hallId, matterId);
    return listSlots(this.db, ctx, this.clock.now(), from, to);
  }

  // --- booking ----------------------------------------------------------------------------

  async book(hallId: string, input: BookingInput): Promise<Appointment> {
    const ctx = await this.schedule.context(hallId, input.matterId);
    const now = this.clock.now();
    const tz = ctx.hall.timezone;
    const id = documentOf(input, serviceDay(now, tz));
    assertBookable(ctx);
    const slot = findSlotOrThrow(ctx, input.start, now);
    // In a rush most bookers find the slot already full: refuse them before hashing,
    // encrypting and queueing for locks. The conditional take in the transaction still decides.
    if (await repo.slotLooksFull(this.db, ctx.matter.id, new Date(slot.start), slot.capacity)) {
      // …unless it is this person's own booking sent again (an answer lost on the way).
      const mine =
        ctx.rules.oneBookingPerMatterPerDay &&
        (await repo.hasBookingOnDay(this.db, {
          hallId,
          matterId: ctx.matter.id,
          day: slot.date,
          personHash: personHashOf(this.crypto, id.key, input.phone),
        }));
      throw mine ? duplicateBooking() : slotFull(slot, ctx.hall.timezone);
    }
    const idHash = idHashOf(this.crypto, id.key);
    const personHash = personHashOf(this.crypto, id.key, input.phone);
    const phoneEnc = this.crypto.encrypt(input.phone);
    const start = new Date(slot.start);

    for (let attempt = 1; ; attempt++) {
      try {
        const row = await transact(this.db, (tx) =>
          this.bookInTx(tx, ctx, {
            slot,
            start,
            idHash,
            personHash,
            phoneEnc,
            now,
            input,
            idMasked: id.masked,
            idType: id.type,
          }),
        );
        return this.view(row, ctx, true);
      } catch (err) {
        const index = repo.violatedIndex(err);
        if (index === 'appointments_code_active' && attempt < 5) continue;
        if (index === 'appointments_one_per_day_person') throw duplicateBooking();
        throw err;
      }
    }
  }

  private async bookInTx(
    tx: Tx,
    ctx: BookingContext,
    b: {
      slot: Slot;
      start: Date;
      idHash: string;
      personHash: string;
      phoneEnc: string;
      idMasked: string;
      idType: string;
      now: Date;
      input: BookingInput;
    },
  ): Promise<AppointmentRow> {
    const hallId = ctx.hall.id;
    const { rules } = ctx;
    // Four round trips between BEGIN and COMMIT: the person's lock, their rules in one read, the
    // booking with its text, and last the place with the hall event (slot and hall rows locked
    // for that one statement). A clash of the random code is the unique index's to catch (book()
    // tries again with another code).
    await repo.lockPerson(tx, hallId, b.personHash);
    const person = await repo.personState(tx, {
      hallId,
      matterId: ctx.matter.id,
      day: rules.oneBookingPerMatterPerDay ? b.slot.date : null,
      personHash: b.personHash,
      now: b.now,
    });
    if (person.blockedUntil) throw bookingBlocked(serviceDay(person.blockedUntil, ctx.hall.timezone));
    if (person.bookedThatDay) throw duplicateBooking();
    if (person.active >= rules.maxActiveBookings) throw tooManyBookings(rules.maxActiveBookings);
    const id = randomUUID();
    const confirm = confirmCodeFor(this.crypto, ctx, { id, hallId, phoneEnc: b.phoneEnc }, b.now);
    const row = await repo.insertBooking(
      tx,
      {
        id,
        hall_id: hallId,
        matter_id: ctx.matter.id,
        service_day: b.slot.date,
        slot_start: b.start,
        slot_end: new Date(b.slot.end),
        status: 'booked',
        code: repo.randomCode(),
        name_masked: maskName(b.input.name),
        id_hash: b.idHash,
        person_hash: b.personHash,
        id_masked: b.idMasked,
        id_type: b.idType,
        phone_enc: b.phoneEnc,
        phone_masked: maskPhone(b.input.phone),
        one_per_day: rules.oneBookingPerMatterPerDay,
        created_at: b.now,
        updated_at: b.now,
        ...confirm.columns,
      },
      confirm.message,
    );
    // The booking's own confirmation goes out once the phone is confirmed (phone-confirmation.ts).
    const seq = await repo.takePlaceAndLog(
      tx,
      { hallId, matterId: ctx.matter.id, start: b.start, capacity: b.slot.capacity },
      { data: appointmentEventData(row, 'book'), at: b.now },
    );
    if (seq === null) throw slotFull(b.slot, ctx.hall.timezone);
    return row;
  }

  // --- reading ----------------------------------------------------------------------------

  private async load(appointmentId: string): Promise<AppointmentRow> {
    if (!isId(appointmentId)) throw notFound('Appointment');
    const row = await repo.findAppointment(this.db, appointmentId);
    if (!row) throw notFound('Appointment');
    return row;
  }

  private assertHolderOrStaff(row: AppointmentRow, actor: Actor): void {
    if (tokenMatches(this.secret, 'appointment', row.id, actor.token)) return;
    if (actor.staff) {
      assertHallAccess(actor.staff, row.hall_id);
      return;
    }
    if (actor.token) throw forbidden('This link does not belong to this appointment');
    throw new AppError('UNAUTHENTICATED', 'Give the appointment’s token or sign in');
  }

  /** The answer for one appointment (with the holder's token only when it was just booked). */
  async view(row: AppointmentRow, ctx?: BookingContext, withToken = false): Promise<Appointment> {
    const c = ctx ?? (await this.schedule.context(row.hall_id, row.matter_id).catch(() => null));
    const viewCtx = c
      ? { timezone: c.hall.timezone, cancelBeforeMinutes: c.settings.cancelBeforeMinutes, rules: c.rules }
      : await this.fallbackView(row.hall_id);
    return toAppointment(
      row,
      viewCtx,
      withToken ? holderToken(this.secret, 'appointment', row.id) : undefined,
    );
  }

  /** For an appointment whose matter was deactivated since. */
  private async fallbackView(hallId: string) {
    const hall = await this.db
      .selectFrom('halls')
      .select('timezone')
      .where('id', '=', hallId)
      .executeTakeFirstOrThrow();
    return { timezone: hall.timezone, cancelBeforeMinutes: 0, rules: await this.schedule.rules(hallId) };
  }

  async get(appointmentId: string, actor: Actor): Promise<Appointment> {
    const row = await this.load(appointmentId);
    this.assertHolderOrStaff(row, actor);
    return this.view(row);
  }

  /** A day's appointments for the hall's staff: masked data only. */
  async listForDay(
    hallId: string,
    day: string,
    filter: { matterId?: string | undefined; status?: AppointmentStatus | undefined },
    staff: Staff,
  ): Promise<Appointment[]> {
    assertHallAccess(staff, hallId);
    const rows = await repo.listForDay(this.db, hallId, day, filter);
    const contexts = new Map<string, BookingContext | null>();
    const out: Appointment[] = [];
    for (const row of rows) {
      if (!contexts.has(row.matter_id))
        contexts.set(row.matter_id, await this.schedule.context(hallId, row.matter_id).catch(() => null));
      out.push(await this.view(row, contexts.get(row.matter_id) ?? undefined));
    }
    return out;
  }

  /** The holder confirms the booking's phone with the texted code (phone-confirmation.ts). */
  async confirmPhone(appointmentId: string, code: string, actor: Actor): Promise<Appointment> {
    const current = await this.load(appointmentId);
    this.assertHolderOrStaff(current, actor);
    const ctx = await this.schedule.context(current.hall_id, current.matter_id);
    const row = await confirmPhone(this.db, this.crypto, ctx, current.id, code, this.clock.now());
    return this.view(row, ctx);
  }

  // --- changing ---------------------------------------------------------------------------

  private assertChangeable(row: AppointmentRow, ctx: BookingContext, actor: Actor, now: Date, what: string) {
    if (row.status !== 'booked')
      throw invalidTransition(`The appointment is ${row.status.replace('_', '-')}`);
    if (actor.staff) return; // the desk may change a booking at any time, e.g. when the hall must close
    const limit = new Date(row.slot_start).getTime() - ctx.settings.cancelBeforeMinutes * 60_000;
    if (now.getTime() > limit) {
      throw new AppError(
        'TOO_LATE_TO_CANCEL',
        `An appointment can be ${what} until ${ctx.settings.cancelBeforeMinutes} minutes before it starts (${inZone(new Date(limit), ctx.hall.timezone).slice(0, 16).replace('T', ' ')})`,
      );
    }
  }

  async cancel(appointmentId: string, actor: Actor): Promise<Appointment> {
    const current = await this.load(appointmentId);
    this.assertHolderOrStaff(current, actor);
    const ctx = await this.schedule.context(current.hall_id, current.matter_id);
    const now = this.clock.now();
    const row = await transact(this.db, async (tx) => {
      const locked = await repo.lockAppointment(tx, appointmentId);
      if (!locked) throw notFound('Appointment');
      this.assertChangeable(locked, ctx, actor, now, 'cancelled');
      await repo.freePlace(tx, locked.matter_id, new Date(locked.slot_start));
      const row = await repo.updateAppointment(tx, locked.id, {
        status: 'cancelled',
        cancelled_at: now,
        cancel_reason: actor.staff ? 'staff' : 'holder',
        updated_at: now,
      });
      await appendHallEvent(tx, row.hall_id, 'appointment.updated', appointmentEventData(row, 'cancel'), now);
      return row;
    });
    return this.view(row, ctx);
  }

  /** Moves a booking to another slot of the same matter: all or nothing. */
  async reschedule(appointmentId: string, start: string, actor: Actor): Promise<Appointment> {
    const current = await this.load(appointmentId);
    this.assertHolderOrStaff(current, actor);
    const ctx = await this.schedule.context(current.hall_id, current.matter_id);
    const now = this.clock.now();
    this.assertChangeable(current, ctx, actor, now, 'changed');
    assertBookable(ctx);
    const slot = findSlotOrThrow(ctx, start, now);
    const newStart = new Date(slot.start);
    if (newStart.getTime() === new Date(current.slot_start).getTime()) return this.view(current, ctx);
    let row: AppointmentRow;
    try {
      row = await transact(this.db, async (tx) => {
        const locked = await repo.lockAppointment(tx, appointmentId);
        if (!locked) throw notFound('Appointment');
        this.assertChangeable(locked, ctx, actor, now, 'changed');
        const oldStart = new Date(locked.slot_start);
        if (locked.person_hash) {
          await repo.lockPerson(tx, locked.hall_id, locked.person_hash);
          if (
            ctx.rules.oneBookingPerMatterPerDay &&
            slot.date !== locked.service_day &&
            (await repo.hasBookingOnDay(tx, {
              hallId: locked.hall_id,
              matterId: locked.matter_id,
              day: slot.date,
              personHash: locked.person_hash,
              exceptId: locked.id,
            }))
          ) {
            throw duplicateBooking();
          }
        }
        // Both counters locked in start order; the new place is taken before the old is freed.
        await repo.lockSlots(tx, locked.hall_id, locked.matter_id, [oldStart, newStart], slot.capacity);
        const taken = await repo.takePlace(tx, {
          hallId: locked.hall_id,
          matterId: locked.matter_id,
          start: newStart,
          capacity: slot.capacity,
        });
        if (!taken) throw slotFull(slot, ctx.hall.timezone);
        await repo.freePlace(tx, locked.matter_id, oldStart);
        const row = await repo.updateAppointment(tx, locked.id, {
          slot_start: newStart,
          slot_end: new Date(slot.end),
          service_day: slot.date,
          one_per_day: ctx.rules.oneBookingPerMatterPerDay,
          updated_at: now,
        });
        await appendHallEvent(
          tx,
          row.hall_id,
          'appointment.updated',
          appointmentEventData(row, 'reschedule'),
          now,
        );
        await notifyBooking(
          tx,
          ctx,
          row,
          'appointment.rescheduled',
          `appointment:${row.id}:rescheduled:${newStart.toISOString()}`,
        );
        return row;
      });
    } catch (err) {
      if (repo.violatedIndex(err) === 'appointments_one_per_day_person') throw duplicateBooking();
      throw err;
    }
    return this.view(row, ctx);
  }
}
