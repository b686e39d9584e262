import { sql, type Kysely } from 'kysely';

// Issue 16, finding 8: the audit log records sign-ins, failed sign-ins and refused attempts
// too (staff_id is empty when nobody is signed in), each with its outcome and the caller's
// address; an `action` code and the names of what was acted on (ticket number, matter, counter,
// staff, hall) as they were at that moment; a refusal repeated from one address within minutes
// is one row with a count. Earlier rows get their action from their route, as routes were then.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log
      alter column staff_id drop not null,
      add column action text,
      add column outcome text not null default 'ok',
      add column address text,
      add column actor_label text,
      add column labels jsonb not null default '{}'::jsonb,
      add column repeats integer not null default 1,
      add column last_at timestamptz;
    create index audit_log_hall_id on audit_log (hall_id, id desc);
    create index audit_log_staff_id on audit_log (staff_id, id desc);
    update audit_log a set action = m.action
      from (values
        ('POST', '/api/v1/halls', 'hall.create'),
        ('PATCH', '/api/v1/halls/:hallId', 'hall.update'),
        ('POST', '/api/v1/halls/:hallId/matters', 'matter.create'),
        ('PATCH', '/api/v1/matters/:matterId', 'matter.update'),
        ('POST', '/api/v1/halls/:hallId/counters', 'counter.create'),
        ('PATCH', '/api/v1/counters/:counterId', 'counter.update'),
        ('POST', '/api/v1/halls/:hallId/staff', 'staff.create'),
        ('PATCH', '/api/v1/staff/:staffId', 'staff.update'),
        ('PUT', '/api/v1/staff/:staffId/photo', 'staff.photo.set'),
        ('DELETE', '/api/v1/staff/:staffId/photo', 'staff.photo.delete'),
        ('POST', '/api/v1/halls/:hallId/tickets', 'ticket.issue'),
        ('POST', '/api/v1/tickets/:ticketId/reprint', 'ticket.reprint'),
        ('POST', '/api/v1/tickets/:ticketId/assisted', 'ticket.assisted'),
        ('POST', '/api/v1/tickets/:ticketId/cancel', 'ticket.cancel'),
        ('POST', '/api/v1/counters/:counterId/open', 'counter.open'),
        ('POST', '/api/v1/counters/:counterId/pause', 'counter.pause'),
        ('POST', '/api/v1/counters/:counterId/resume', 'counter.resume'),
        ('POST', '/api/v1/counters/:counterId/close', 'counter.close'),
        ('POST', '/api/v1/counters/:counterId/call-next', 'ticket.call'),
        ('POST', '/api/v1/counters/:counterId/call', 'ticket.call'),
        ('POST', '/api/v1/tickets/:ticketId/recall', 'ticket.recall'),
        ('POST', '/api/v1/tickets/:ticketId/start', 'ticket.start'),
        ('POST', '/api/v1/tickets/:ticketId/finish', 'ticket.finish'),
        ('POST', '/api/v1/tickets/:ticketId/no-show', 'ticket.no-show'),
        ('POST', '/api/v1/tickets/:ticketId/requeue', 'ticket.requeue'),
        ('POST', '/api/v1/tickets/:ticketId/transfer', 'ticket.transfer'),
        ('POST', '/api/v1/halls/:hallId/appointments', 'appointment.book'),
        ('POST', '/api/v1/appointments/:appointmentId/cancel', 'appointment.cancel'),
        ('POST', '/api/v1/appointments/:appointmentId/reschedule', 'appointment.reschedule'),
        ('POST', '/api/v1/halls/:hallId/check-in', 'appointment.check-in'),
        ('PUT', '/api/v1/halls/:hallId/schedule', 'schedule.replace'),
        ('PUT', '/api/v1/calendar/overrides', 'calendar.overrides'),
        ('POST', '/api/v1/counters/:counterId/pad-token', 'pad.pair'),
        ('DELETE', '/api/v1/counters/:counterId/pad-token', 'pad.unpair'),
        ('POST', '/api/v1/complaints/:complaintId/transition', 'complaint.transition'),
        ('POST', '/api/v1/complaints/:complaintId/appeal', 'complaint.appeal'),
        ('POST', '/api/v1/complaints/:complaintId/contact', 'complaint.contact'),
        ('POST', '/api/v1/complaints/:complaintId/follow-up', 'complaint.follow-up'),
        ('POST', '/api/v1/complaints/:complaintId/appeal-review', 'complaint.appeal-review'),
        ('PUT', '/api/v1/halls/:hallId/rating-rules', 'rating-rules.replace')
      ) as m(method, route, action)
      where a.method = m.method and a.route = m.route;
    update audit_log set action = lower(method) || ' ' || route where action is null;
    alter table audit_log alter column action set not null;
    create index audit_log_hall_action on audit_log (hall_id, action, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index audit_log_hall_action;
    drop index audit_log_staff_id;
    drop index audit_log_hall_id;
    delete from audit_log where staff_id is null;
    alter table audit_log
      alter column staff_id set not null,
      drop column action,
      drop column outcome,
      drop column address,
      drop column actor_label,
      drop column labels,
      drop column repeats,
      drop column last_at;
  `.execute(db);
}
