// Tickets only for a wait that leads somewhere (issue 13): a walk-in ticket is issued within the
// hall's hours and before the matter's last-ticket time (截止取号), and only for a matter that a
// counter serves. The kiosk asks the same (availability) to show closed, the next opening, an
// unserved matter as unavailable, and when paused counters resume. Check-in of a booking does
// not pass here: a due booking is honoured whenever the resident is let in.
import { DateTime } from 'luxon';
import { issuingWindow, type IssuingWindow } from '../domain/hours.ts';
import { AppError } from '../errors.ts';
import type { Hall } from '../halls/halls.service.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import type { ScheduleService } from './schedule.service.ts';

export interface MatterAvailability {
  matterId: string;
  /** Whether a walk-in ticket is issued now. */
  available: boolean;
  reason: 'closed' | 'after_last_ticket' | 'unserved' | null;
  /** When tickets are issued again (closed, after the last ticket), ISO with offset. */
  nextOpening: string | null;
  /** `HH:mm` until which tickets are issued today. */
  lastTicket: string | null;
  /** All counters serving the matter are paused: when the lunch break ends, if known. */
  pausedUntil: string | null;
  /** Counters that list the matter (open, paused or closed). */
  counters: number;
}

const hhmmAt = (iso: string | null, tz: string) =>
  iso ? DateTime.fromISO(iso, { zone: tz }).toFormat('yyyy-MM-dd HH:mm') : 'a later day';

export class IssuingGate {
  constructor(
    private readonly schedule: ScheduleService,
    /** The hall, its active matters and counters as this process holds them (queue-state.ts). */
    private readonly queue: Pick<QueueService, 'current'>,
  ) {}

  /** Availability of every active matter of a hall at `now`. */
  async availability(hallId: string, now: Date): Promise<MatterAvailability[]> {
    return (await this.read(hallId, now)).matters;
  }

  /** Everything from memory once the hall is held: a walk-in issue asks the database nothing here. */
  private async read(hallId: string, now: Date): Promise<{ hall: Hall; matters: MatterAvailability[] }> {
    const { hall, matters, counters: active } = await this.queue.current(hallId);
    const hours = await this.schedule.hallHours(hallId);
    const own = await this.schedule.lastTicketMinutes(hallId);
    const lunchEnd = await this.schedule.lunchEndAt(hallId, now);
    const list = matters.map((m) => {
      const w = issuingWindow(now, hall.timezone, hours, own.get(m.id) ?? hours.lastTicketMinutes);
      const counters = active.filter((c) => c.matterIds.includes(m.id));
      const allPaused = counters.length > 0 && counters.every((c) => c.status === 'paused');
      return {
        matterId: m.id,
        available: w.open && counters.length > 0,
        reason: !w.open
          ? w.reason === 'after_last_ticket'
            ? 'after_last_ticket'
            : 'closed'
          : counters.length
            ? null
            : 'unserved',
        nextOpening: w.open ? null : w.nextOpening,
        lastTicket: w.lastTicket ?? null,
        pausedUntil:
          allPaused && lunchEnd ? DateTime.fromMillis(lunchEnd, { zone: hall.timezone }).toISO() : null,
        counters: counters.length,
      } satisfies MatterAvailability;
    });
    return { hall, matters: list };
  }

  /**
   * Throws HALL_CLOSED, ISSUING_CLOSED or MATTER_UNSERVED when a walk-in ticket would lead
   * nowhere; else answers the hall (issuing needs it too).
   */
  async assertIssuable(hallId: string, matterId: string, now: Date): Promise<Hall> {
    const { hall, matters } = await this.read(hallId, now);
    const a = matters.find((m) => m.matterId === matterId);
    if (!a || a.available) return hall; // an unknown matter: issuing answers 404 itself
    const details = [{ reason: a.reason, nextOpening: a.nextOpening, lastTicket: a.lastTicket }];
    if (a.reason === 'closed')
      throw new AppError(
        'HALL_CLOSED',
        `The hall is closed now; tickets are issued again from ${hhmmAt(a.nextOpening, hall.timezone)}`,
        details,
      );
    if (a.reason === 'after_last_ticket')
      throw new AppError(
        'ISSUING_CLOSED',
        `Tickets for this matter were issued until ${a.lastTicket} today; again from ${hhmmAt(a.nextOpening, hall.timezone)}`,
        details,
      );
    throw new AppError(
      'MATTER_UNSERVED',
      'No counter serves this matter at present, so no ticket is issued; please ask at the help desk',
      details,
    );
  }
}

export type { IssuingWindow };
