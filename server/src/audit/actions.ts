// The action code of every audited route, in the hall's words: what the console shows and
// filters by (ticket.call, matter.update, …). A route missing here is still audited, under its
// operationId. Sign-ins and refusals have codes of their own (AUTH_ACTIONS).

/** What a route creates: the answer's `id` names the new target. */
export type TargetKind = 'hall' | 'matter' | 'counter' | 'staff' | 'ticket' | 'appointment' | 'complaint';

export interface ActionDef {
  action: string;
  created?: TargetKind;
}

const a = (action: string, created?: TargetKind): ActionDef => (created ? { action, created } : { action });

export const ACTIONS: Record<string, ActionDef> = {
  'POST /api/v1/halls': a('hall.create', 'hall'),
  'PATCH /api/v1/halls/:hallId': a('hall.update'),
  'POST /api/v1/halls/:hallId/matters': a('matter.create', 'matter'),
  'PATCH /api/v1/matters/:matterId': a('matter.update'),
  'POST /api/v1/halls/:hallId/counters': a('counter.create', 'counter'),
  'PATCH /api/v1/counters/:counterId': a('counter.update'),
  'POST /api/v1/halls/:hallId/staff': a('staff.create', 'staff'),
  'PATCH /api/v1/staff/:staffId': a('staff.update'),
  'PUT /api/v1/staff/:staffId/photo': a('staff.photo.set'),
  'DELETE /api/v1/staff/:staffId/photo': a('staff.photo.delete'),
  'POST /api/v1/halls/:hallId/tickets': a('ticket.issue', 'ticket'),
  'POST /api/v1/tickets/:ticketId/reprint': a('ticket.reprint'),
  'POST /api/v1/tickets/:ticketId/assisted': a('ticket.assisted'),
  'POST /api/v1/tickets/:ticketId/cancel': a('ticket.cancel'),
  'POST /api/v1/counters/:counterId/open': a('counter.open'),
  'POST /api/v1/counters/:counterId/pause': a('counter.pause'),
  'POST /api/v1/counters/:counterId/resume': a('counter.resume'),
  'POST /api/v1/counters/:counterId/close': a('counter.close'),
  'POST /api/v1/counters/:counterId/call-next': a('ticket.call', 'ticket'),
  'POST /api/v1/counters/:counterId/call': a('ticket.call', 'ticket'),
  'POST /api/v1/tickets/:ticketId/recall': a('ticket.recall'),
  'POST /api/v1/tickets/:ticketId/start': a('ticket.start'),
  'POST /api/v1/tickets/:ticketId/finish': a('ticket.finish'),
  'POST /api/v1/tickets/:ticketId/no-show': a('ticket.no-show'),
  'POST /api/v1/tickets/:ticketId/requeue': a('ticket.requeue'),
  'POST /api/v1/tickets/:ticketId/transfer': a('ticket.transfer'),
  'POST /api/v1/halls/:hallId/appointments': a('appointment.book', 'appointment'),
  'POST /api/v1/appointments/:appointmentId/cancel': a('appointment.cancel'),
  'POST /api/v1/appointments/:appointmentId/reschedule': a('appointment.reschedule'),
  'POST /api/v1/appointments/:appointmentId/confirm-phone': a('appointment.confirm-phone'),
  'POST /api/v1/halls/:hallId/check-in': a('appointment.check-in', 'ticket'),
  'PUT /api/v1/halls/:hallId/schedule': a('schedule.replace'),
  'PUT /api/v1/calendar/overrides': a('calendar.overrides'),
  'PUT /api/v1/calendar/years/:year/notice': a('calendar.notice'),
  'POST /api/v1/calendar/years/:year/confirm': a('calendar.confirm'),
  'POST /api/v1/counters/:counterId/pad-token': a('pad.pair'),
  'DELETE /api/v1/counters/:counterId/pad-token': a('pad.unpair'),
  'POST /api/v1/halls/:hallId/devices': a('device.pair'),
  'DELETE /api/v1/halls/:hallId/devices/:deviceId': a('device.unpair'),
  'POST /api/v1/complaints/:complaintId/transition': a('complaint.transition'),
  'POST /api/v1/complaints/:complaintId/appeal': a('complaint.appeal'),
  'POST /api/v1/complaints/:complaintId/contact': a('complaint.contact'),
  'POST /api/v1/complaints/:complaintId/follow-up': a('complaint.follow-up'),
  'POST /api/v1/complaints/:complaintId/appeal-review': a('complaint.appeal-review'),
  'PUT /api/v1/halls/:hallId/rating-rules': a('rating-rules.replace'),
  'POST /api/v1/halls/:hallId/feed-tokens': a('feed-token.issue'),
  'DELETE /api/v1/halls/:hallId/feed-tokens/:tokenId': a('feed-token.revoke'),
  'POST /api/v1/halls/:hallId/help-alerts': a('help.request'),
  'POST /api/v1/halls/:hallId/help-alerts/:alertId/acknowledge': a('help.acknowledge'),
};

export const AUTH_ACTIONS = {
  signIn: 'auth.sign-in',
  /** Wrong password, or a username no active account has. */
  signInFailed: 'auth.sign-in.failed',
  /** Held back by the sign-in backoff or the address's limit. */
  signInThrottled: 'auth.sign-in.throttled',
  signOut: 'auth.sign-out',
  /** A 401/403: anonymous on a staff route, or staff beyond their hall or role. */
  refused: 'access.refused',
} as const;

/** Every action code the log can hold (the console's action picker lists these). */
export const ACTION_CODES = [
  ...new Set([...Object.values(ACTIONS).map((d) => d.action), ...Object.values(AUTH_ACTIONS)]),
];

/** The action code of a route; routes not listed keep a readable fallback. */
export function actionOf(method: string, route: string, operationId?: string): ActionDef {
  return ACTIONS[`${method} ${route}`] ?? { action: operationId ?? `${method.toLowerCase()} ${route}` };
}
