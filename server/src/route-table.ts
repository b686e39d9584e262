// Every route's public name (operationId) and who may call it, in one table. The OpenAPI at
// /docs/json takes each operation's operationId and security from here (plugins/docs.ts), and
// the authorization matrix test (tests/security/authorization-matrix.test.ts) checks every
// route against the same access kind, so the published contract and the tested behaviour
// cannot drift. A route added without a row fails both tests, which name it.
import { SESSION_COOKIE } from './auth/auth.service.ts';

/** The header a holder's page sends its ticket or appointment token in (`?token=` still works). */
export const HOLDER_HEADER = 'x-holder-token';
/** The header a paired kiosk or display sends its device token in. */
export const DEVICE_HEADER = 'x-device-token';

/** How a caller proves who it is; the keys are the OpenAPI security scheme names. */
export const SECURITY_SCHEMES = {
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'A staff session: the cookie POST /api/v1/auth/login sets.',
  },
  holderToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Holder-Token',
    description:
      'The token of one ticket or appointment, given once in the answer that issued it. Page links carry it in the URL fragment (`#t=…`), never in the query, so no server or proxy log holds it.',
  },
  padToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Pad-Token',
    description: 'A counter’s rating pad: the token POST /api/v1/counters/{counterId}/pad-token gave.',
  },
  deviceToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Device-Token',
    description: 'A paired kiosk or display of one hall.',
  },
  feedToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Feed-Token',
    description:
      'A machine account of the provincial 好差评 feed: POST /api/v1/halls/{hallId}/feed-tokens gave it.',
  },
} as const;
type Scheme = keyof typeof SECURITY_SCHEMES;
const req = (...schemes: Scheme[]) => Object.fromEntries(schemes.map((s) => [s, []]));

/**
 * The kinds of access: who may call, in words, and the security requirement the OpenAPI
 * declares (alternatives; an empty list means no credential at all).
 */
export const ACCESS = {
  public: { who: 'Anyone.', security: [] },
  signIn: { who: 'Anyone, with a staff username and password.', security: [] },
  anyStaff: { who: 'Any signed-in staff member.', security: [req('staffSession')] },
  hallStaff: { who: 'Staff of the hall (any role), or an admin.', security: [req('staffSession')] },
  hallManager: { who: 'The hall’s manager, or an admin.', security: [req('staffSession')] },
  admin: { who: 'An admin.', security: [req('staffSession')] },
  holderOrHallStaff: {
    who: 'The holder (its token), or staff of its hall.',
    security: [req('holderToken'), req('staffSession')],
  },
  holderPadOrHallStaff: {
    who: 'The holder (its token), the pad of its counter, or staff of its hall.',
    security: [req('holderToken'), req('padToken'), req('staffSession')],
  },
  clerkAtCounter: { who: 'The clerk at the counter.', security: [req('staffSession')] },
  counterClerkOrManager: {
    who: 'The clerk at the counter, the hall’s manager, or an admin.',
    security: [req('staffSession')],
  },
  staffOfTicketHall: { who: 'Staff of the ticket’s hall.', security: [req('staffSession')] },
  pad: { who: 'The counter’s paired rating pad.', security: [req('padToken')] },
  holderOrPad: {
    who: 'The holder (its token), or the pad of the counter that served it.',
    security: [req('holderToken'), req('padToken')],
  },
  managerOrFeedToken: {
    who: 'The hall’s manager, an admin, or a feed token of the hall.',
    security: [req('staffSession'), req('feedToken')],
  },
  ops: {
    who: 'Operators: any signed-in staff member or the bearer HALLQ_OPS_TOKEN; anyone when HALLQ_OPS_ACCESS is open (by default only on a loopback-only install).',
    security: [req('staffSession')],
  },
} satisfies Record<string, { who: string; security: Record<string, string[]>[] }>;
export type Access = keyof typeof ACCESS;

export interface RouteContract {
  access: Access;
  /** Stable, named for what the operation does; clients generated from the OpenAPI use it. */
  operationId?: string;
}

const pub: RouteContract = { access: 'public' };
const ops: RouteContract = { access: 'ops' };

/** Keyed `METHOD url` exactly as Fastify registers the route (`app.routeTable`). */
export const ROUTES: Record<string, RouteContract> = {
  // outside the API (not in the OpenAPI)
  'GET /healthz': pub,
  'GET /readyz': pub,
  'GET /metrics': ops,
  'GET /docs/json': ops,
  'GET /docs/yaml': ops,
  'GET /docs/asyncapi.json': ops,
  'GET /docs/license': ops,
  'GET /docs/static/*': ops,
  'GET /docs/static/index.html': ops,
  'GET /docs/static/swagger-initializer.js': ops,
  'GET /docs': ops,
  'GET /docs/': ops,
  'GET /*': pub,
  'GET /': pub,

  'POST /api/v1/auth/login': { access: 'signIn', operationId: 'signIn' },
  'POST /api/v1/auth/logout': { access: 'anyStaff', operationId: 'signOut' },
  'GET /api/v1/auth/me': { access: 'anyStaff', operationId: 'getSignedInStaff' },

  'GET /api/v1/halls': { access: 'public', operationId: 'listHalls' },
  'GET /api/v1/time': { access: 'public', operationId: 'getServerTime' },
  'GET /api/v1/halls/:hallId': { access: 'public', operationId: 'getHall' },
  'POST /api/v1/halls': { access: 'admin', operationId: 'createHall' },
  'PATCH /api/v1/halls/:hallId': { access: 'hallManager', operationId: 'updateHall' },
  'GET /api/v1/halls/:hallId/matters': { access: 'public', operationId: 'listMatters' },
  'POST /api/v1/halls/:hallId/matters': { access: 'hallManager', operationId: 'createMatter' },
  'GET /api/v1/matters/:matterId': { access: 'public', operationId: 'getMatter' },
  'PATCH /api/v1/matters/:matterId': { access: 'hallManager', operationId: 'updateMatter' },
  'GET /api/v1/halls/:hallId/counters': { access: 'public', operationId: 'listCounters' },
  'POST /api/v1/halls/:hallId/counters': { access: 'hallManager', operationId: 'createCounter' },
  'GET /api/v1/counters/:counterId': { access: 'public', operationId: 'getCounter' },
  'PATCH /api/v1/counters/:counterId': { access: 'hallManager', operationId: 'updateCounter' },
  'GET /api/v1/halls/:hallId/staff': { access: 'hallManager', operationId: 'listStaff' },
  'POST /api/v1/halls/:hallId/staff': { access: 'hallManager', operationId: 'createStaff' },
  'PATCH /api/v1/staff/:staffId': { access: 'hallManager', operationId: 'updateStaff' },
  'PUT /api/v1/staff/:staffId/photo': { access: 'hallManager', operationId: 'putStaffPhoto' },
  'DELETE /api/v1/staff/:staffId/photo': { access: 'hallManager', operationId: 'deleteStaffPhoto' },
  'GET /api/v1/staff/:staffId/photo': { access: 'public', operationId: 'getStaffPhoto' },
  'POST /api/v1/tickets/:ticketId/reprint': { access: 'staffOfTicketHall', operationId: 'reprintTicket' },
  'POST /api/v1/tickets/:ticketId/assisted': {
    access: 'staffOfTicketHall',
    operationId: 'markTicketAssisted',
  },
  'GET /api/v1/halls/:hallId/audit': { access: 'hallManager', operationId: 'listAuditEntries' },
  'GET /api/v1/audit': { access: 'admin', operationId: 'listAllAuditEntries' },

  'POST /api/v1/halls/:hallId/tickets': { access: 'public', operationId: 'issueTicket' },
  'GET /api/v1/halls/:hallId/tickets': { access: 'hallStaff', operationId: 'findTicketsByNumber' },
  'GET /api/v1/tickets/:ticketId': { access: 'holderOrHallStaff', operationId: 'getTicket' },
  'POST /api/v1/tickets/:ticketId/cancel': { access: 'holderOrHallStaff', operationId: 'cancelTicket' },
  'POST /api/v1/counters/:counterId/open': { access: 'hallStaff', operationId: 'openCounter' },
  'POST /api/v1/counters/:counterId/pause': { access: 'counterClerkOrManager', operationId: 'pauseCounter' },
  'POST /api/v1/counters/:counterId/resume': {
    access: 'counterClerkOrManager',
    operationId: 'resumeCounter',
  },
  'POST /api/v1/counters/:counterId/close': { access: 'counterClerkOrManager', operationId: 'closeCounter' },
  'POST /api/v1/counters/:counterId/call-next': { access: 'clerkAtCounter', operationId: 'callNextTicket' },
  'POST /api/v1/counters/:counterId/call': { access: 'clerkAtCounter', operationId: 'callTicket' },
  'GET /api/v1/counters/:counterId/queue': { access: 'hallStaff', operationId: 'listCounterQueue' },
  'POST /api/v1/tickets/:ticketId/recall': { access: 'clerkAtCounter', operationId: 'recallTicket' },
  'POST /api/v1/tickets/:ticketId/start': { access: 'clerkAtCounter', operationId: 'startTicket' },
  'POST /api/v1/tickets/:ticketId/finish': { access: 'clerkAtCounter', operationId: 'finishTicket' },
  'POST /api/v1/tickets/:ticketId/no-show': { access: 'clerkAtCounter', operationId: 'markTicketNoShow' },
  'POST /api/v1/tickets/:ticketId/requeue': { access: 'staffOfTicketHall', operationId: 'requeueTicket' },
  'POST /api/v1/tickets/:ticketId/transfer': { access: 'clerkAtCounter', operationId: 'transferTicket' },
  'GET /api/v1/halls/:hallId/board': { access: 'public', operationId: 'getBoard' },

  'GET /api/v1/halls/:hallId/slots': { access: 'public', operationId: 'listSlots' },
  'POST /api/v1/halls/:hallId/appointments': { access: 'public', operationId: 'bookAppointment' },
  'GET /api/v1/halls/:hallId/appointments': { access: 'hallStaff', operationId: 'listAppointments' },
  'GET /api/v1/appointments/:appointmentId': { access: 'holderOrHallStaff', operationId: 'getAppointment' },
  'POST /api/v1/appointments/:appointmentId/cancel': {
    access: 'holderOrHallStaff',
    operationId: 'cancelAppointment',
  },
  // the holder, or staff of the hall rescheduling for a resident on the phone
  'POST /api/v1/appointments/:appointmentId/reschedule': {
    access: 'holderOrHallStaff',
    operationId: 'rescheduleAppointment',
  },
  'POST /api/v1/appointments/:appointmentId/confirm-phone': {
    access: 'holderOrHallStaff',
    operationId: 'confirmAppointmentPhone',
  },
  'POST /api/v1/halls/:hallId/check-in': { access: 'public', operationId: 'checkIn' },
  'GET /api/v1/halls/:hallId/schedule': { access: 'public', operationId: 'getSchedule' },
  'PUT /api/v1/halls/:hallId/schedule': { access: 'hallManager', operationId: 'replaceSchedule' },
  'GET /api/v1/calendar/overrides': { access: 'public', operationId: 'getCalendarOverrides' },
  'PUT /api/v1/calendar/overrides': { access: 'admin', operationId: 'replaceCalendarOverrides' },
  'GET /api/v1/calendar/years': { access: 'public', operationId: 'listCalendarYears' },
  'PUT /api/v1/calendar/years/:year/notice': { access: 'admin', operationId: 'enterHolidayNotice' },
  'POST /api/v1/calendar/years/:year/confirm': { access: 'admin', operationId: 'confirmCalendarYear' },
  'GET /api/v1/halls/:hallId/availability': { access: 'public', operationId: 'getIssuingAvailability' },

  'GET /api/v1/ratings/options': { access: 'public', operationId: 'getRatingOptions' },
  'POST /api/v1/tickets/:ticketId/rating': { access: 'holderOrPad', operationId: 'rateTicket' },
  'GET /api/v1/tickets/:ticketId/rating': { access: 'holderPadOrHallStaff', operationId: 'getTicketRating' },
  'POST /api/v1/counters/:counterId/pad-token': { access: 'hallManager', operationId: 'pairRatingPad' },
  'GET /api/v1/counters/:counterId/pad-token': { access: 'hallManager', operationId: 'getRatingPadPairing' },
  'DELETE /api/v1/counters/:counterId/pad-token': { access: 'hallManager', operationId: 'unpairRatingPad' },
  'GET /api/v1/counters/:counterId/pad': { access: 'pad', operationId: 'getRatingPadScreen' },
  'POST /api/v1/halls/:hallId/devices': { access: 'hallManager', operationId: 'pairDevice' },
  'GET /api/v1/halls/:hallId/devices': { access: 'hallManager', operationId: 'listDevices' },
  'DELETE /api/v1/halls/:hallId/devices/:deviceId': { access: 'hallManager', operationId: 'unpairDevice' },
  'POST /api/v1/halls/:hallId/help-alerts': { access: 'public', operationId: 'requestHelp' },
  'GET /api/v1/halls/:hallId/help-alerts': { access: 'hallStaff', operationId: 'listHelpAlerts' },
  'POST /api/v1/halls/:hallId/help-alerts/:alertId/acknowledge': {
    access: 'hallStaff',
    operationId: 'acknowledgeHelpAlert',
  },
  'GET /api/v1/halls/:hallId/complaints': { access: 'hallManager', operationId: 'listComplaints' },
  'GET /api/v1/complaints/:complaintId': { access: 'hallManager', operationId: 'getComplaint' },
  'POST /api/v1/complaints/:complaintId/transition': {
    access: 'hallManager',
    operationId: 'transitionComplaint',
  },
  // The clerk who served may appeal their own case; the service refuses any other clerk.
  'POST /api/v1/complaints/:complaintId/appeal': { access: 'hallStaff', operationId: 'appealComplaint' },
  'POST /api/v1/complaints/:complaintId/contact': {
    access: 'hallManager',
    operationId: 'showComplaintContact',
  },
  'POST /api/v1/complaints/:complaintId/follow-up': {
    access: 'hallManager',
    operationId: 'followUpComplaint',
  },
  'POST /api/v1/complaints/:complaintId/appeal-review': {
    access: 'admin',
    operationId: 'reviewComplaintAppeal',
  },
  'GET /api/v1/halls/:hallId/rating-rules': { access: 'public', operationId: 'getRatingRules' },
  'PUT /api/v1/halls/:hallId/rating-rules': { access: 'hallManager', operationId: 'replaceRatingRules' },
  'GET /api/v1/halls/:hallId/results': { access: 'public', operationId: 'getRatingResults' },
  'GET /api/v1/halls/:hallId/haocha-feed': { access: 'managerOrFeedToken', operationId: 'getHaochaFeed' },
  'GET /api/v1/halls/:hallId/haocha-feed.csv': {
    access: 'managerOrFeedToken',
    operationId: 'exportHaochaFeedCsv',
  },
  'POST /api/v1/halls/:hallId/feed-tokens': { access: 'hallManager', operationId: 'issueFeedToken' },
  'DELETE /api/v1/halls/:hallId/feed-tokens/:tokenId': {
    access: 'hallManager',
    operationId: 'revokeFeedToken',
  },
  'GET /api/v1/halls/:hallId/floor': { access: 'hallStaff', operationId: 'getFloor' },
  'GET /api/v1/halls/:hallId/stats': { access: 'hallManager', operationId: 'getStats' },
  'GET /api/v1/halls/:hallId/staffing': { access: 'hallManager', operationId: 'getStaffingAdvice' },
  'GET /api/v1/halls/:hallId/stats.csv': { access: 'hallManager', operationId: 'exportStatsCsv' },
  'GET /api/v1/halls/:hallId/stats.xlsx': { access: 'hallManager', operationId: 'exportStatsXlsx' },
};

/** The row of a route, by its method and URL as Fastify registered it. */
export const routeContract = (method: string, url: string): RouteContract | undefined =>
  ROUTES[`${method.toUpperCase()} ${url}`];
