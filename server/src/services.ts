// Every feature's service, built once per app from the database, the clock and the secret.
// The wiring order matters only where one service hands another a callback (the queue asks
// the schedule when a paused counter's lunch ends).
import type { FastifyBaseLogger } from 'fastify';
import { AppointmentsService } from './appointments/appointments.service.ts';
import { CalendarYearsService } from './appointments/calendar-years.ts';
import { CheckInService } from './appointments/check-in.service.ts';
import { IssuingGate } from './appointments/issuing-gate.ts';
import { ScheduleService } from './appointments/schedule.service.ts';
import { AuthService } from './auth/auth.service.ts';
import type { Clock } from './clock.ts';
import { CaseActionsService } from './complaints/case-actions.service.ts';
import { ComplaintsService } from './complaints/complaints.service.ts';
import { UnresolvedCases } from './complaints/unresolved.ts';
import { CountersService } from './counters/counters.service.ts';
import { FieldCrypto } from './crypto.ts';
import { DevicesService, type HallOpenAt } from './devices/devices.service.ts';
import { LastSeen } from './devices/last-seen.ts';
import { openAt } from './domain/hours.ts';
import { HelpAlertsService } from './devices/help-alerts.service.ts';
import type { Db } from './db/index.ts';
import { FloorService } from './floor/floor.service.ts';
import { HallsService } from './halls/halls.service.ts';
import { MattersService } from './matters/matters.service.ts';
import type { NotificationProvider } from './notifications/provider.ts';
import type { SmsSettings } from './notifications/sms-config.ts';
import { makeSmsProvider } from './notifications/sms-providers.ts';
import { NotificationWorker } from './notifications/worker.ts';
import { PadsService } from './ratings/pads.service.ts';
import { FeedService } from './ratings/feed.service.ts';
import { RatingRulesService } from './ratings/rating-rules.ts';
import { ResultsService } from './ratings/results.service.ts';
import { RatingsService, scheduleCalendar } from './ratings/ratings.service.ts';
import { EventPublisher } from './realtime/publisher.ts';
import { StaffService } from './staff/staff.service.ts';
import { StatsService } from './stats/stats.service.ts';
import { QueueService } from './tickets/queue.service.ts';
import { TicketsService } from './tickets/tickets.service.ts';

export interface Services {
  auth: AuthService;
  halls: HallsService;
  matters: MattersService;
  counters: CountersService;
  staff: StaffService;
  queue: QueueService;
  tickets: TicketsService;
  publisher: EventPublisher;
  fieldCrypto: FieldCrypto;
  clock: Clock;
  /** For scheduled jobs (jobs.ts), which work outside any request. */
  db: Db;
  schedule: ScheduleService;
  calendarYears: CalendarYearsService;
  issuingGate: IssuingGate;
  appointments: AppointmentsService;
  checkIn: CheckInService;
  notifications: NotificationWorker;
  pads: PadsService;
  ratingRules: RatingRulesService;
  ratings: RatingsService;
  complaints: ComplaintsService;
  unresolved: UnresolvedCases;
  caseActions: CaseActionsService;
  feed: FeedService;
  results: ResultsService;
  stats: StatsService;
  floor: FloorService;
  devices: DevicesService;
  /** When each paired device and pad was last heard from (app.ts and the socket note it). */
  lastSeen: LastSeen;
  helpAlerts: HelpAlertsService;
}

export interface ServiceDeps {
  db: Db;
  secret: string;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Where text messages go; the default writes them (phone masked) to the log. */
  notificationProvider?: NotificationProvider | undefined;
  sms?: SmsSettings | undefined;
}

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { db, clock, secret } = deps;
  const publisher = new EventPublisher(db);
  await publisher.init();
  const fieldCrypto = new FieldCrypto(secret);
  const auth = new AuthService(db, clock);
  const halls = new HallsService(db, clock);
  const matters = new MattersService(db, clock);
  const counters = new CountersService(db, clock);
  const staff = new StaffService(db, auth);
  const queue = new QueueService(db, clock, halls, matters, counters);
  const tickets = new TicketsService(db, clock, secret, fieldCrypto, halls, counters, queue);
  const schedule = new ScheduleService(db, clock, halls);
  // Other processes' schedule, matter and hall changes drop this process's booking contexts.
  publisher.onEvent((ev) => schedule.cache.observe(ev));
  queue.follow(publisher);
  queue.setPausedUntil((hallId, now) => schedule.lunchEndAt(hallId, now));
  const issuingGate = new IssuingGate(schedule, queue);
  tickets.setIssuingGate((hallId, matterId, now) => issuingGate.assertIssuable(hallId, matterId, now));
  const appointments = new AppointmentsService(db, clock, secret, fieldCrypto, schedule);
  const checkIn = new CheckInService(db, clock, fieldCrypto, halls, schedule, tickets);
  const ratingRules = new RatingRulesService(db, clock, halls);
  const hallOpenAt: HallOpenAt = async (hallId, now) =>
    openAt(now, (await halls.get(hallId)).timezone, await schedule.hallHours(hallId));
  const pads = new PadsService(db, clock, counters, ratingRules, hallOpenAt);
  const ratings = new RatingsService(db, clock, secret, halls, pads, ratingRules, scheduleCalendar(schedule));
  const complaints = new ComplaintsService(db, clock, halls);
  const caseActions = new CaseActionsService(db, clock, fieldCrypto, halls, complaints);
  const feed = new FeedService(db, clock, halls);
  const results = new ResultsService(db, halls);
  const stats = new StatsService(db, halls, clock, (hallId) => schedule.hallHours(hallId));
  const floor = new FloorService(db, clock, halls, queue);
  const devices = new DevicesService(db, clock, hallOpenAt);
  const notifications = new NotificationWorker(
    db,
    clock,
    fieldCrypto,
    deps.notificationProvider ?? makeSmsProvider(deps.sms, deps.log),
  );
  return {
    auth,
    halls,
    matters,
    counters,
    staff,
    queue,
    tickets,
    publisher,
    fieldCrypto,
    clock,
    db,
    schedule,
    calendarYears: new CalendarYearsService(db, clock),
    issuingGate,
    appointments,
    checkIn,
    notifications,
    pads,
    ratingRules,
    ratings,
    complaints,
    unresolved: new UnresolvedCases(db, clock, halls, tickets, ratingRules, scheduleCalendar(schedule)),
    caseActions,
    feed,
    results,
    stats,
    floor,
    devices,
    lastSeen: new LastSeen(db, clock, (err) => deps.log.warn({ err }, 'could not note a device as seen')),
    helpAlerts: new HelpAlertsService(db, clock, fieldCrypto),
  };
}
