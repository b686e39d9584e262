import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FOLLOW_UP_OUTCOMES } from '../domain/case-deadlines.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, Id } from '../schemas.ts';
import type { CaseActionsService } from './case-actions.service.ts';
import { ComplaintOut, Note } from './complaints.routes.ts';

const ComplaintParams = z.object({ complaintId: Id });

export const caseActionsRoutes =
  (actions: CaseActionsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/complaints/:complaintId/contact',
      {
        config: { auditedInService: true },
        schema: {
          tags: ['ratings'],
          summary: '查看联系方式: the real-name rater’s phone, for 回访 (manager, admin; audited)',
          description:
            'Each call is written to the audit log and to the case’s notes. 409 NO_CONTACT when the rater ' +
            'stayed anonymous or the contact was erased after the retention period. Clerks: 403.',
          params: ComplaintParams,
          response: { 200: z.object({ phone: z.string(), masked: z.string() }), ...errors },
        },
      },
      async (request) =>
        actions.showContact(request.params.complaintId, requireStaff(request, ['admin', 'manager'])),
    );

    app.post(
      '/complaints/:complaintId/follow-up',
      {
        schema: {
          tags: ['ratings'],
          summary: '回访核实: record the follow-up with the rater and its outcome (manager, admin)',
          description:
            'Once per case (409 INVALID_TRANSITION after, or when closed). An open case becomes contacted. ' +
            'Outcomes: satisfied, unsatisfied, unreachable, verified (anonymous: checked without the rater).',
          params: ComplaintParams,
          body: z.object({ outcome: z.enum(FOLLOW_UP_OUTCOMES), note: Note }),
          response: { 200: ComplaintOut, ...errors },
        },
      },
      async (request) =>
        actions.followUp(
          request.params.complaintId,
          request.body,
          requireStaff(request, ['admin', 'manager']),
        ),
    );

    app.post(
      '/complaints/:complaintId/appeal-review',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Decide an appeal: upheld (the rating is excluded from every figure) or rejected (admin)',
          description:
            'Only a case under appeal, once (409 INVALID_TRANSITION). Upheld closes the case and marks the rating ' +
            'excluded (kept, with the reason); rejected leaves the case to go on.',
          params: ComplaintParams,
          body: z.object({ decision: z.enum(['upheld', 'rejected']), reason: Note }),
          response: { 200: ComplaintOut, ...errors },
        },
      },
      async (request) =>
        actions.reviewAppeal(request.params.complaintId, request.body, requireStaff(request, ['admin'])),
    );
  };
