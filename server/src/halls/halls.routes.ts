import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Name } from '../schemas.ts';
import type { HallsService } from './halls.service.ts';

const PolicyWeights = z.object({
  greenBoost: z.number().min(0).max(600),
  appointmentBoost: z.number().min(0).max(600),
  transferBoost: z.number().min(0).max(600),
  preferencePenalty: z.number().min(0).max(600),
  maxWaitMinutes: z.number().min(1).max(1440),
  appointmentDueLeadMinutes: z.number().min(0).max(120),
});

const phrase = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((p) => p.includes('{number}') && p.includes('{counter}'), {
      message: 'must contain {number} and {counter}',
    })
    .describe(`${what}; {number} is spelled (A 一 零 一), {counter} said as a number (十二)`);

const Voice = z.object({
  phrase: phrase('The spoken call (default 请 {number} 号到 {counter} 号窗口办理)'),
  recallPhrase: phrase('The spoken recall (default 请 {number} 号再次到 {counter} 号窗口办理)'),
  repeat: z.number().int().min(1).max(5).describe('Times each call is spoken (default 2)'),
  rate: z.number().min(0.5).max(2).describe('Speech rate, 1 = normal (default 0.85)'),
  volume: z.number().min(0).max(1).describe('Speech volume 0–1 (default 1)'),
  english: z.boolean().describe('An English sentence follows the Chinese one (default false)'),
});

export const GreenCategoryIn = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be 2–32 lower-case letters, digits or -'),
  name: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  treatment: z
    .enum(['boost', 'skip'])
    .describe('boost: minutes added; skip: 免排队, called before every normal ticket'),
  boost: z.number().min(0).max(600).default(0),
  minAge: z.number().int().min(50).max(100).optional().describe('老年人: from this age (60 or 70)'),
  active: z.boolean().default(true),
});

export const HallOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  settings: z.object({
    policy: PolicyWeights,
    waitAlertMinutes: z
      .number()
      .describe('Floor dashboard: a matter whose longest wait passes this many minutes raises an alert'),
    complaintDueWorkingDays: z
      .number()
      .describe('差评 ledger: a case is due this many working days after the rating (default 5)'),
    voice: Voice.describe("The wall display's spoken call"),
    greenCategories: z.array(GreenCategoryIn).describe('绿色通道 categories and their treatments'),
    staffDetailsPublic: z
      .boolean()
      .describe('亮证上岗: clerks’ names, 工号 and photos shown on public screens and anonymous answers'),
    unresolvedMatterId: z.string().nullable().describe('The matter that is the hall’s 办不成事反映窗口'),
  }),
});

export const hallsRoutes =
  (halls: HallsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls',
      { schema: { tags: ['config'], summary: 'Every hall', response: { 200: z.array(HallOut), ...errors } } },
      async () => halls.list(),
    );

    app.get(
      '/halls/:hallId',
      {
        schema: {
          tags: ['config'],
          summary: 'One hall: its name, zone and settings',
          params: HallParams,
          response: { 200: HallOut, ...errors },
        },
      },
      async (request) => halls.get(request.params.hallId),
    );

    app.post(
      '/halls',
      {
        schema: {
          tags: ['config'],
          summary: 'Create a hall (admin)',
          body: z.object({
            code: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be 2–32 lower-case letters, digits or -'),
            name: Name(100),
            timezone: Name(64).optional(),
          }),
          response: { 201: HallOut, ...errors },
        },
      },
      async (request, reply) => {
        requireStaff(request, ['admin']);
        return reply.status(201).send(await halls.create(request.body));
      },
    );

    app.patch(
      '/halls/:hallId',
      {
        schema: {
          tags: ['config'],
          summary:
            'Rename a hall; change its zone, queue-policy weights, spoken call, green-channel categories, staff-details and 办不成事 settings (manager of the hall, admin)',
          params: HallParams,
          body: z.object({
            name: Name(100).optional(),
            timezone: Name(64).optional(),
            policy: PolicyWeights.partial().optional(),
            waitAlertMinutes: z.number().int().min(1).max(600).optional(),
            complaintDueWorkingDays: z.number().int().min(1).max(60).optional(),
            voice: Voice.partial().optional(),
            greenCategories: z.array(GreenCategoryIn).max(20).optional(),
            staffDetailsPublic: z.boolean().optional(),
            unresolvedMatterId: z.string().nullable().optional(),
          }),
          response: { 200: HallOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        assertHallAccess(staff, request.params.hallId, ['admin', 'manager']);
        return halls.update(request.params.hallId, request.body);
      },
    );
  };
