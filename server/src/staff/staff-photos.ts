// 亮证上岗: a staff member's photo, shown on the counter screen above the clerk's counter. Kept
// in the database (base64, at most PHOTO_MAX_BYTES) with a content hash as version: the URL the
// counters answer carries it, so a browser may keep a photo for a day and a new photo is a new
// URL. A photo is public only while the hall's staff details are public.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, Id, isId } from '../schemas.ts';

export const PHOTO_MAX_BYTES = 200 * 1024;

/** The image type from the file's first bytes; null for anything that is not JPEG, PNG or WebP. */
export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

export class StaffPhotos {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
  ) {}

  private async member(staffId: string) {
    const row = isId(staffId)
      ? await this.db
          .selectFrom('staff')
          .select(['id', 'hall_id', 'role'])
          .where('id', '=', staffId)
          .executeTakeFirst()
      : undefined;
    if (!row) throw notFound('Staff member');
    return row;
  }

  /** The person themself, or a manager of their hall, or an admin. */
  async put(staffId: string, base64: string, actor: Staff): Promise<{ photoUrl: string }> {
    const member = await this.member(staffId);
    if (actor.id !== staffId) {
      if (actor.role === 'clerk') throw forbidden('You may change only your own photo');
      if (actor.role === 'manager' && member.hall_id !== actor.hallId)
        throw forbidden('You may only act in your own hall');
    }
    const bytes = Buffer.from(base64, 'base64');
    const fail = (message: string) =>
      new AppError('VALIDATION_FAILED', message, [{ path: ['body', 'data'], message }]);
    if (bytes.length === 0 || bytes.length > PHOTO_MAX_BYTES)
      throw fail(`The photo must be at most ${PHOTO_MAX_BYTES / 1024} KB`);
    const mime = sniffImage(bytes);
    if (!mime) throw fail('The photo must be a JPEG, PNG or WebP image');
    const etag = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const row = { mime, data: bytes.toString('base64'), etag, updated_at: this.clock.now() };
    await this.db
      .insertInto('staff_photos')
      .values({ staff_id: staffId, ...row })
      .onConflict((oc) => oc.column('staff_id').doUpdateSet(row))
      .execute();
    return { photoUrl: `/api/v1/staff/${staffId}/photo?v=${etag}` };
  }

  async remove(staffId: string, actor: Staff): Promise<void> {
    const member = await this.member(staffId);
    if (actor.id !== staffId) {
      if (actor.role === 'clerk') throw forbidden('You may change only your own photo');
      if (member.hall_id) assertHallAccess(actor, member.hall_id, ['admin', 'manager']);
    }
    await this.db.deleteFrom('staff_photos').where('staff_id', '=', staffId).execute();
  }

  /** The photo for a viewer: staff of the hall always, the public while staff details are public. */
  async get(staffId: string, viewer: Staff | null) {
    const member = await this.member(staffId);
    if (!viewer) {
      const open = member.hall_id
        ? (await this.halls.get(member.hall_id)).settings.staffDetailsPublic
        : false;
      if (!open) throw notFound('Photo');
    }
    const photo = await this.db
      .selectFrom('staff_photos')
      .selectAll()
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    if (!photo) throw notFound('Photo');
    return photo;
  }
}

export const staffPhotoRoutes =
  (photos: StaffPhotos): FastifyPluginAsyncZod =>
  async (app) => {
    const params = z.object({ staffId: Id });
    app.put(
      '/staff/:staffId/photo',
      {
        bodyLimit: 400 * 1024,
        schema: {
          tags: ['config'],
          summary:
            'Upload a staff photo for 亮证上岗: JPEG, PNG or WebP, at most 200 KB, base64 (the person, their manager, an admin)',
          params,
          body: z.object({
            data: z
              .string()
              .min(1)
              .max(300_000)
              .regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64'),
          }),
          response: { 200: z.object({ photoUrl: z.string() }), ...errors },
        },
      },
      async (request) => {
        return photos.put(request.params.staffId, request.body.data, requireStaff(request));
      },
    );
    app.delete(
      '/staff/:staffId/photo',
      {
        schema: {
          tags: ['config'],
          summary: 'Remove a staff photo',
          params,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await photos.remove(request.params.staffId, requireStaff(request));
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/staff/:staffId/photo',
      {
        schema: {
          tags: ['config'],
          summary: 'A staff photo (public while the hall’s staff details are public); cached by version',
          produces: ['image/jpeg', 'image/png', 'image/webp'],
          params,
          querystring: z.object({ v: z.string().max(64).optional() }),
          response: {
            200: z.any().describe('The image (binary)'),
            304: z.null().describe('Not modified'),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const photo = await photos.get(request.params.staffId, request.staff);
        const etag = `"${photo.etag}"`;
        // Public while versioned (a new photo is a new URL); revalidated when asked without one.
        reply.header('ETag', etag);
        reply.header(
          'Cache-Control',
          request.staff
            ? 'private, max-age=60'
            : request.query.v === photo.etag
              ? 'public, max-age=86400'
              : 'public, max-age=60',
        );
        if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
        return reply.type(photo.mime).send(Buffer.from(photo.data, 'base64'));
      },
    );
  };
