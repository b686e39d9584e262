// Raw SQL for the baselines: one interface over `pg` (a pool of real connections) and over the
// app's own Kysely handle (for the PGlite rows, whose single connection lives in the process),
// and the hand-written transactions the server's work is compared with.
import { randomBytes, randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Db } from '../../server/src/db/index.ts';
import { formatTicketNumber, serviceDay } from '../../server/src/domain/numbering.ts';
import { TIMEZONE } from './zone.ts';

export type Row = Record<string, unknown>;
export type Query = (text: string, params?: unknown[]) => Promise<Row[]>;

export interface SqlRunner {
  /** One statement outside any explicit transaction; with the affected row count. */
  one(text: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number }>;
  /** BEGIN … COMMIT around `fn` (ROLLBACK when it throws). */
  tx<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `pg` straight: a pool of `size` connections. */
export function pgRunner(url: string, size: number): SqlRunner {
  const pool = new pg.Pool({ connectionString: url, max: size });
  pool.on('error', () => {});
  return {
    async one(text, params = []) {
      const r = await pool.query(text, params);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(async (text, params = []) => (await client.query(text, params)).rows as Row[]);
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Raw SQL through a Kysely handle (PGlite: the one connection the app also uses). */
export function kyselyRunner(db: Db): SqlRunner {
  return {
    async one(text, params = []) {
      const r = await db.executeQuery<Row>(CompiledQuery.raw(text, params));
      return { rows: r.rows, rowCount: Number(r.numAffectedRows ?? r.rows.length) };
    },
    tx: (fn) =>
      db
        .transaction()
        .execute(async (trx) =>
          fn(
            async (text, params = []) => (await trx.executeQuery<Row>(CompiledQuery.raw(text, params))).rows,
          ),
        ),
    close: async () => {},
  };
}

/**
 * Appends hall events one statement each, the statement the server runs (realtime/hall-events.ts
 * appendHallEvent): bump the hall's seq, insert the row and NOTIFY in one round trip.
 */
async function hallEvents(q: Query, hallId: string, events: { type: string; data: object }[], at: Date) {
  for (const e of events) {
    await q(
      `with bumped as (update halls set event_seq = event_seq + 1 where id = $1 returning event_seq)
       insert into hall_events (hall_id, seq, type, data, at)
       select $1::uuid, event_seq, $2::text, $3::jsonb, $4::timestamptz from bumped
       returning seq, pg_notify('hallq_events', $1::text || ':' || seq::text)`,
      [hallId, e.type, JSON.stringify(e.data), at],
    );
  }
}

async function ticketEvents(
  q: Query,
  rows: {
    hallId: string;
    ticketId: string;
    matterId: string;
    action: string;
    from: string | null;
    to: string;
    counterId: string | null;
  }[],
  at: Date,
) {
  const values: unknown[] = [];
  const tuples = rows.map((r, i) => {
    values.push(r.hallId, r.ticketId, at, r.action, r.from, r.to, r.counterId, r.matterId);
    const b = i * 8;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, null, $${b + 7}, $${b + 8}, '{}')`;
  });
  await q(
    `insert into ticket_events (hall_id, ticket_id, at, action, from_status, to_status, staff_id, counter_id, matter_id, data)
     values ${tuples.join(', ')}`,
    values,
  );
}

/**
 * The call-next baseline: lock the counter, finish its serving ticket, pick the oldest waiting
 * eligible ticket with FOR UPDATE SKIP LOCKED, mark it called, its ticket_events, the hall's
 * event seq and hall_events, commit. Returns the called ticket's id, or null.
 */
export function rawCallNext(r: SqlRunner, hallId: string, counterId: string): Promise<string | null> {
  const now = new Date();
  const day = serviceDay(now, TIMEZONE);
  return r.tx(async (q) => {
    await q('select id, hall_id, status from counters where id = $1 for update', [counterId]);
    const finished = await q(
      `update tickets set status = 'done', finished_at = $2, updated_at = $2
       where counter_id = $1 and status = 'serving' returning id, matter_id, number`,
      [counterId, now],
    );
    const [pick] = await q(
      `select id, matter_id, number from tickets
       where hall_id = $1 and service_day = $2 and status = 'waiting'
         and matter_id in (select matter_id from counter_matters where counter_id = $3)
         and (reserved_counter_id is null or reserved_counter_id = $3)
       order by queue_time, seq limit 1 for update skip locked`,
      [hallId, day, counterId],
    );
    if (pick) {
      await q(
        `update tickets set status = 'called', counter_id = $2, called_at = $3, call_count = 1, updated_at = $3
         where id = $1`,
        [pick.id, counterId, now],
      );
    }
    const evs = [
      ...finished.map((f) => ({ f, action: 'finish', from: 'serving', to: 'done', type: 'ticket.updated' })),
      ...(pick ? [{ f: pick, action: 'call', from: 'waiting', to: 'called', type: 'ticket.called' }] : []),
    ];
    if (evs.length) {
      await ticketEvents(
        q,
        evs.map((e) => ({
          hallId,
          ticketId: String(e.f.id),
          matterId: String(e.f.matter_id),
          action: e.action,
          from: e.from,
          to: e.to,
          counterId,
        })),
        now,
      );
      await hallEvents(
        q,
        hallId,
        evs.map((e) => ({
          type: e.type,
          data: { ticketId: e.f.id, number: e.f.number, counterId, action: e.action },
        })),
        now,
      );
    }
    return pick ? String(pick.id) : null;
  });
}

/** The start baseline: lock the counter, called → serving, ticket_event, hall event. */
export function rawStart(r: SqlRunner, hallId: string, counterId: string, ticketId: string): Promise<void> {
  const now = new Date();
  return r.tx(async (q) => {
    await q('select id from counters where id = $1 for update', [counterId]);
    const [t] = await q(
      `update tickets set status = 'serving', started_at = $2, updated_at = $2
       where id = $1 and status = 'called' returning id, matter_id, number`,
      [ticketId, now],
    );
    if (!t) throw new Error(`start: ticket ${ticketId} is not called`);
    await ticketEvents(
      q,
      [
        {
          hallId,
          ticketId,
          matterId: String(t.matter_id),
          action: 'start',
          from: 'called',
          to: 'serving',
          counterId,
        },
      ],
      now,
    );
    await hallEvents(
      q,
      hallId,
      [{ type: 'ticket.updated', data: { ticketId, number: t.number, action: 'start' } }],
      now,
    );
  });
}

/**
 * The issuing baseline: next number (INSERT … ON CONFLICT DO UPDATE … RETURNING last), the
 * ticket, its ticket_event and its hall event, in one transaction.
 */
export function rawIssue(
  r: SqlRunner,
  hallId: string,
  matter: { id: string; prefix: string },
): Promise<string> {
  const now = new Date();
  const day = serviceDay(now, TIMEZONE);
  return r.tx(async (q) => {
    const [n] = await q(
      `insert into ticket_numbers (hall_id, prefix, service_day, last) values ($1, $2, $3, 1)
       on conflict (hall_id, prefix, service_day) do update set last = ticket_numbers.last + 1
       returning last`,
      [hallId, matter.prefix, day],
    );
    const seq = Number(n!.last);
    const id = randomUUID();
    const number = formatTicketNumber(matter.prefix, seq);
    await q(
      `insert into tickets (id, hall_id, matter_id, prefix, seq, number, service_day, class, status, channel,
                            issued_at, queue_time, token_hash, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, 'normal', 'waiting', 'kiosk', $8, $8, $9, $8)`,
      [id, hallId, matter.id, matter.prefix, seq, number, day, now, randomBytes(16).toString('hex')],
    );
    await ticketEvents(
      q,
      [
        {
          hallId,
          ticketId: id,
          matterId: matter.id,
          action: 'issue',
          from: null,
          to: 'waiting',
          counterId: null,
        },
      ],
      now,
    );
    await hallEvents(
      q,
      hallId,
      [{ type: 'ticket.issued', data: { ticketId: id, number, matterId: matter.id } }],
      now,
    );
    return id;
  });
}

/** One booking attempt of the booking baseline. */
export interface RawBooking {
  hallId: string;
  matterId: string;
  /** Slot start and end (ISO), its capacity and its day in the hall's zone. */
  start: string;
  end: string;
  capacity: number;
  /** The person's keyed ID hash, masked ID and encrypted phone (computed by the caller). */
  idHash: string;
  idMasked: string;
  phoneEnc: string;
}

/**
 * The booking baseline: the statements the server's booking runs (appointments.service.ts
 * book/bookInTx), hand-written: the unlocked "looks full" read, then BEGIN; the per-person
 * advisory lock; the block, one-per-day and active-count reads (by person key, confirmed
 * bookings only); the conditional take of a place; a free 10-digit booking code; the appointment
 * row; the hall event; the phone's one-time code on the row and in the outbox; COMMIT. 'full' when the slot has no place left (the read or the take says so).
 */
export async function rawBook(r: SqlRunner, b: RawBooking): Promise<'ok' | 'full'> {
  const now = new Date();
  const start = new Date(b.start);
  const day = serviceDay(start, TIMEZONE);
  const [seen] = (
    await r.one('select booked from slot_bookings where matter_id = $1 and slot_start = $2', [
      b.matterId,
      start,
    ])
  ).rows;
  if (seen && Number(seen.booked) >= b.capacity) return 'full';
  const full = new Error('full');
  // A random code another active booking holds: the server tries again (up to 5 times); so does this.
  for (let attempt = 1; ; attempt++) {
    try {
      return await rawBookOnce(r, b, now, start, day, full);
    } catch (err) {
      const e = err as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint === 'appointments_code_active' && attempt < 5) continue;
      throw err;
    }
  }
}

async function rawBookOnce(
  r: SqlRunner,
  b: RawBooking,
  now: Date,
  start: Date,
  day: string,
  full: Error,
): Promise<'ok' | 'full'> {
  try {
    await r.tx(async (q) => {
      await q('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `appointment:${b.hallId}:${b.idHash}`,
      ]);
      await q(
        'select blocked_until from booking_blocks where hall_id = $1 and person_hash = $2 and blocked_until > $3',
        [b.hallId, b.idHash, now],
      );
      await q(
        `select id from appointments where hall_id = $1 and matter_id = $2 and service_day = $3
           and person_hash = $4 and status in ('booked', 'checked_in')`,
        [b.hallId, b.matterId, day, b.idHash],
      );
      await q(
        `select count(*)::int as n from appointments where hall_id = $1 and person_hash = $2
           and phone_confirmed_at is not null and status = 'booked'`,
        [b.hallId, b.idHash],
      );
      const taken = await q(
        `insert into slot_bookings (hall_id, matter_id, slot_start, booked, capacity) values ($1, $2, $3, 1, $4)
         on conflict (matter_id, slot_start) do update
           set booked = slot_bookings.booked + 1, capacity = excluded.capacity
           where slot_bookings.booked < excluded.capacity
         returning booked`,
        [b.hallId, b.matterId, start, b.capacity],
      );
      if (!taken.length) throw full;
      const code = String(Math.floor(Math.random() * 10_000_000_000)).padStart(10, '0');
      await q(
        `select id from appointments where hall_id = $1 and code = $2 and status in ('booked', 'checked_in')`,
        [b.hallId, code],
      );
      const [row] = await q(
        `insert into appointments (hall_id, matter_id, service_day, slot_start, slot_end, status, code,
           name_masked, id_hash, person_hash, id_masked, id_type, phone_enc, phone_masked, one_per_day,
           created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'booked', $6, '测*', $7, $7, $8, 'resident_id', $9, '139****0000', true,
           $10, $10)
         returning *`,
        [b.hallId, b.matterId, day, start, new Date(b.end), code, b.idHash, b.idMasked, b.phoneEnc, now],
      );
      await hallEvents(
        q,
        b.hallId,
        [{ type: 'appointment.updated', data: { appointmentId: row!.id, action: 'book', code } }],
        now,
      );
      // The phone's one-time code (issue 16): kept as a keyed hash with its deadline, and texted.
      await q(
        `update appointments set confirm_code_hash = $2, confirm_by = $3, confirm_attempts = 0
         where id = $1 returning *`,
        [row!.id, `bench-${code}`, new Date(now.getTime() + 30 * 60_000)],
      );
      await q(
        `insert into outbox (hall_id, idempotency_key, template_key, phone_enc, params, appointment_id,
           next_attempt_at, created_at)
         values ($1, $2, 'appointment.phone_code', $3, $4, $5, $6, $6)
         on conflict (idempotency_key) do nothing returning id`,
        [
          b.hallId,
          `appointment:${String(row!.id)}:phone-code`,
          b.phoneEnc,
          JSON.stringify({ hall: '压测大厅', code: '123456', minutes: 30 }),
          row!.id,
          now,
        ],
      );
    });
    return 'ok';
  } catch (err) {
    if (err === full) return 'full';
    throw err;
  }
}
