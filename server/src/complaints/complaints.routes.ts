import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FOLLOW_UP_OUTCOMES } from '../domain/case-deadlines.ts';
import { COMPLAINT_STATUSES } from '../domain/ratings.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Id, IsoDate, Text } from '../schemas.ts';
import type { ComplaintsService } from './complaints.service.ts';

const Status = z.enum(COMPLAINT_STATUSES);
export const Note = Text(2000, { min: 1, multiline: true });

const NoteOut = z.object({
  id: z.string(),
  kind: z.enum(['transition', 'appeal', 'follow_up', 'appeal_review', 'contact_shown']),
  fromStatus: Status.nullable(),
  toStatus: Status,
  note: z.string(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  at: z.string(),
});

export const ComplaintOut = z.object({
  id: z.string(),
  hallId: z.string(),
  kind: z
    .enum(['rating', 'unresolved'])
    .describe('rating: a 差评 case; unresolved: a 办不成事 case opened at the hall’s 办不成事 window'),
  summary: z
    .string()
    .nullable()
    .describe('办不成事: the clerk’s summary of what could not be done (null for a 差评 case)'),
  ratingId: z.string().nullable().describe('Null for a 办不成事 case'),
  ticketId: z.string(),
  ticketNumber: z.string(),
  serviceDay: z.string().describe('The ticket’s service day'),
  counterId: z.string().nullable(),
  counterNumber: z.number().nullable(),
  counterName: z.string().nullable(),
  matterId: z.string(),
  matterName: z.string(),
  clerkId: z.string().nullable().describe('The clerk who served the ticket (never who rated)'),
  clerkName: z.string().nullable(),
  score: z.number().nullable().describe('Null for a 办不成事 case'),
  level: z.string().nullable(),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  ratedAt: z.string(),
  status: Status,
  nextStatuses: z.array(Status).describe('Where the case may go next'),
  dueDate: z
    .string()
    .describe('YYYY-MM-DD: N working days after the rating (hall setting complaintDueWorkingDays)'),
  overdue: z.boolean().describe('Not closed and the due date is before today in the hall’s zone'),
  dueProvisional: z
    .boolean()
    .describe('The due date lies in a year whose holiday arrangement is not yet known: it may move'),
  followUpDue: z
    .string()
    .nullable()
    .describe('回访核实 due: rating day + followUpWorkingDays (rating rules)'),
  followUpOverdue: z.boolean().describe('Not followed up (nor closed) after followUpDue'),
  followedUpAt: z.string().nullable(),
  followUpOutcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
  rectifiedAt: z.string().nullable().describe('When the case was rectified or explained (整改反馈)'),
  realName: z.boolean().describe('The rater left a phone for 回访'),
  contactMasked: z
    .string()
    .nullable()
    .describe('The rater’s phone, masked (138****5678); the number only via POST /complaints/:id/contact'),
  appeal: z.boolean(),
  appealDecision: z.enum(['upheld', 'rejected']).nullable(),
  appealReason: z.string().nullable(),
  appealDecidedAt: z.string().nullable(),
  ratingExcluded: z
    .boolean()
    .describe('An upheld appeal found the rating mistaken: excluded from all figures'),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  notes: z.array(NoteOut),
});

const LedgerOut = z.object({
  today: z.string().describe('Today in the hall’s zone: what `overdue` is measured against'),
  complaints: z.array(ComplaintOut),
  summary: z
    .object({
      open: z.number(),
      contacted: z.number(),
      rectified: z.number(),
      explained: z.number(),
      closed: z.number(),
      overdue: z.number(),
      followUpOverdue: z.number(),
      unresolved: z.number().describe('办不成事 cases among them'),
      total: z.number(),
    })
    .describe('Counts over every case of the hall, whatever the filters'),
});

const ComplaintParams = z.object({ complaintId: Id });
const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const complaintsRoutes =
  (complaints: ComplaintsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/complaints',
      {
        schema: {
          tags: ['ratings'],
          summary:
            'The 差评 ledger: cases opened by ratings of 2 or 1 and 办不成事 cases, by due date (manager, admin)',
          params: HallParams,
          querystring: z
            .object({
              status: Status.optional(),
              kind: z
                .enum(['rating', 'unresolved'])
                .optional()
                .describe('Only 差评 cases (rating) or only 办不成事 cases (unresolved)'),
              overdue: booleanQuery,
              followUpOverdue: booleanQuery.describe(
                'true: only open cases not followed up (回访核实) by their followUpDue',
              ),
              from: IsoDate.optional().describe('Opened on or after this day (hall zone)'),
              to: IsoDate.optional().describe('Opened on or before this day (hall zone)'),
              limit: z.coerce.number().int().min(1).max(1000).optional(),
            })
            .refine((q) => !q.from || !q.to || q.from <= q.to, {
              message: 'from must not be after to',
              path: ['from'],
            }),
          response: { 200: LedgerOut, ...errors },
        },
      },
      async (request) =>
        complaints.list(request.params.hallId, requireStaff(request, ['admin', 'manager']), request.query),
    );

    app.get(
      '/complaints/:complaintId',
      {
        schema: {
          tags: ['ratings'],
          summary: 'One case of the 差评 ledger with its notes (manager, admin)',
          params: ComplaintParams,
          response: { 200: ComplaintOut, ...errors },
        },
      },
      async (request) =>
        complaints.get(request.params.complaintId, requireStaff(request, ['admin', 'manager'])),
    );

    app.post(
      '/complaints/:complaintId/transition',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Move a case on: open → contacted → rectified | explained → closed, with a note',
          description: 'Any other step is 409 INVALID_TRANSITION.',
          params: ComplaintParams,
          body: z.object({ to: Status, note: Note }),
          response: { 200: ComplaintOut, ...errors },
        },
      },
      async (request) =>
        complaints.transition(
          request.params.complaintId,
          request.body,
          requireStaff(request, ['admin', 'manager']),
        ),
    );

    app.post(
      '/complaints/:complaintId/appeal',
      {
        schema: {
          tags: ['ratings'],
          summary: '申诉: flag the case as appealed, with the grounds (the clerk who served, manager, admin)',
          description:
            'Once per case, while it is not closed (409 INVALID_TRANSITION otherwise). An admin decides it: ' +
            'POST /complaints/:complaintId/appeal-review.',
          params: ComplaintParams,
          body: z.object({ note: Note }),
          response: { 200: ComplaintOut, ...errors },
        },
      },
      async (request) => complaints.appeal(request.params.complaintId, request.body, requireStaff(request)),
    );
  };
