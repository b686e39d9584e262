import { z } from 'zod';
import { assertHallAccess, toStaff, type AuthService, type Staff } from '../auth/auth.service.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/index.ts';
import type { StaffRole, StaffRow } from '../db/types.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { isId, Name, Secret } from '../schemas.ts';

export const Role = z.enum(['admin', 'manager', 'clerk']);
/** 工号: shown on the counter screen (亮证上岗). */
const StaffNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,20}$/, 'must be 1–20 letters, digits or -');
export const StaffInput = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 characters: lower-case letters, digits, _ . -'),
  password: Secret(200),
  name: Name(100),
  role: Role,
  staffNumber: StaffNumber.optional(),
});
export const StaffPatch = z.object({
  staffNumber: StaffNumber.nullable().optional(),
  name: Name(100).optional(),
  role: Role.optional(),
  active: z.boolean().optional(),
  password: Secret(200).optional(),
});

export interface StaffMember extends Staff {
  active: boolean;
  staffNumber: string | null;
}

const member = (r: StaffRow): StaffMember => ({
  ...toStaff(r),
  active: r.active,
  staffNumber: r.staff_number,
});

/** The unique index on (hall, 工号) refused the write. */
function isDuplicateNumber(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    String((e as { message?: unknown }).message).includes('staff_hall_number')
  );
}
const numberTaken = () => new AppError('ALREADY_EXISTS', 'This staff number (工号) is taken in the hall');

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
    return rows.map(member);
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
        staff_number: input.staffNumber ?? null,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst()
      .catch((e: unknown) => {
        throw isDuplicateNumber(e) ? numberTaken() : e;
      });
    if (!row) throw new AppError('ALREADY_EXISTS', `The username ${input.username} is taken`);
    return member(row);
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
        ...(patch.staffNumber !== undefined ? { staff_number: patch.staffNumber } : {}),
      })
      .where('id', '=', staffId)
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        throw isDuplicateNumber(e) ? numberTaken() : e;
      });
    // A reset password or a deactivation signs the person out everywhere.
    if (patch.password !== undefined || patch.active === false) await this.auth.endSessionsOf(staffId);
    return member(row);
  }
}
