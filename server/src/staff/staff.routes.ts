import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StaffUser } from '../auth/auth.routes.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Id } from '../schemas.ts';
import { StaffInput, StaffPatch, type StaffService } from './staff.service.ts';

const StaffOut = StaffUser.extend({
  active: z.boolean(),
  staffNumber: z.string().nullable().describe('工号'),
});

export const staffRoutes =
  (staff: StaffService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/staff',
      {
        schema: {
          tags: ['config'],
          summary: 'The hall’s staff accounts (manager of the hall, admin)',
          params: HallParams,
          response: { 200: z.array(StaffOut), ...errors },
        },
      },
      async (request) => staff.list(request.params.hallId, requireStaff(request)),
    );

    app.post(
      '/halls/:hallId/staff',
      {
        schema: {
          tags: ['config'],
          summary: 'Create a staff account (manager: clerks of the hall; admin: anyone)',
          params: HallParams,
          body: StaffInput,
          response: { 201: StaffOut, ...errors },
        },
      },
      async (request, reply) => {
        const actor = requireStaff(request);
        await staff.assertHallExists(request.params.hallId);
        return reply.status(201).send(await staff.create(request.params.hallId, request.body, actor));
      },
    );

    app.patch(
      '/staff/:staffId',
      {
        schema: {
          tags: ['config'],
          summary: 'Rename, change role or 工号, deactivate or reset the password of a staff account',
          params: z.object({ staffId: Id }),
          body: StaffPatch,
          response: { 200: StaffOut, ...errors },
        },
      },
      async (request) => staff.update(request.params.staffId, request.body, requireStaff(request)),
    );
  };
