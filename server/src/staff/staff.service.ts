import { z } from 'zod';
import { assertHallAccess, toStaff, type AuthService, type Staff } from '../auth/auth.service.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/index.ts';
import type { StaffRole } from '../db/types.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { isId, Name, Secret } from '../schemas.ts';

export const Role = z.enum(['admin', 'manager', 'clerk']);
export const StaffInput = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 characters: lower-case letters, digits, _ . -'),
  password: Secret(200),
  name: Name(100),
  role: Role,
});
export const StaffPatch = z.object({
  name: Name(100).optional(),
  role: Role.optional(),
  active: z.boolean().optional(),
  password: Secret(200).optional(),
});

export interface StaffMember extends Staff {
  active: boolean;
}

/** Who may manage whom: an admin anyone; a manager the clerks of their own hall. */
function assertMayManage(actor: Staff, hallId: string | null, role: StaffRole): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'manager') throw forbidden('Only managers and admins manage staff');
  if (role !== 'clerk') throw forbidden('A manager may only manage clerks');
  if (hallId !== actor.hallId) throw forbidden('You may only act in your own hall');
}

export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
  ) {}

  async assertHallExists(hallId: string): Promise<void> {
    const row = await this.db.selectFrom('halls').select('id').where('id', '=', hallId).executeTakeFirst();
    if (!row) throw notFound('Hall');
  }

  async list(hallId: string, actor: Staff): Promise<StaffMember[]> {
    assertHallAccess(actor, hallId, ['admin', 'manager']);
    const rows = await this.db
      .selectFrom('staff')
      .selectAll()
      .where('hall_id', '=', hallId)
      .orderBy('username')
      .execute();
    return rows.map((r) => ({ ...toStaff(r), active: r.active }));
  }

  async create(hallId: string, input: z.infer<typeof StaffInput>, actor: Staff): Promise<StaffMember> {
    assertMayManage(actor, hallId, input.role);
    checkPasswordPolicy(input.password, input.username);
    const row = await this.db
      .insertInto('staff')
      .values({
        hall_id: input.role === 'admin' ? null : hallId,
        username: input.username,
        name: input.name,
        role: input.role,
        password_hash: await hashPassword(input.password),
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('ALREADY_EXISTS', `The username ${input.username} is taken`);
    return { ...toStaff(row), active: row.active };
  }

  async update(staffId: string, patch: z.infer<typeof StaffPatch>, actor: Staff): Promise<StaffMember> {
    if (!isId(staffId)) throw notFound('Staff member');
    const current = await this.db
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', staffId)
      .executeTakeFirst();
    if (!current) throw notFound('Staff member');
    assertMayManage(actor, current.hall_id, current.role);
    if (patch.role) assertMayManage(actor, current.hall_id, patch.role);
    if (patch.password) checkPasswordPolicy(patch.password, current.username);
    if (staffId === actor.id && (patch.active === false || (patch.role && patch.role !== actor.role))) {
      throw forbidden('You cannot deactivate yourself or change your own role');
    }
    const row = await this.db
      .updateTable('staff')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.password !== undefined ? { password_hash: await hashPassword(patch.password) } : {}),
      })
      .where('id', '=', staffId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A reset password or a deactivation signs the person out everywhere.
    if (patch.password !== undefined || patch.active === false) await this.auth.endSessionsOf(staffId);
    return { ...toStaff(row), active: row.active };
  }
}
