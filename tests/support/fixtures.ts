import { randomBytes } from 'node:crypto';
import type { TRole, TScope } from '../../shared/src/api/auth';
import type { Db } from '../../server/src/db/client';
import { departments, organisations, sites, units, users } from '../../server/src/db/schema';
import { hashPassword } from '../../server/src/features/auth/passwords';

export const uniq = (): string => randomBytes(5).toString('hex');

export type TOrgFixture = {
  organisationId: string;
  siteId: string;
  departmentId: string;
  unitId: string;
  otherUnitId: string;
};

/** An organisation of its own for one test: a site, a department and two units. */
export async function createOrg(db: Db): Promise<TOrgFixture> {
  const [org] = await db
    .insert(organisations)
    .values({ name: `Test trust ${uniq()}` })
    .returning();
  const [site] = await db.insert(sites).values({ organisationId: org!.id, name: 'General' }).returning();
  const [dept] = await db.insert(departments).values({ siteId: site!.id, name: 'Medicine' }).returning();
  const [unit, other] = await db
    .insert(units)
    .values([
      { departmentId: dept!.id, name: 'Ward 7' },
      { departmentId: dept!.id, name: 'Ward 9' },
    ])
    .returning();
  return {
    organisationId: org!.id,
    siteId: site!.id,
    departmentId: dept!.id,
    unitId: unit!.id,
    otherUnitId: other!.id,
  };
}

export type TStaffFixture = { id: string; email: string; password: string };

export async function createStaff(
  db: Db,
  organisationId: string,
  role: TRole,
  scope: TScope = { level: 'organisation' },
): Promise<TStaffFixture> {
  const email = `${role}.${uniq()}@example.org`;
  const password = `pw-${uniq()}-${uniq()}`;
  const [user] = await db
    .insert(users)
    .values({
      organisationId,
      email,
      name: `Test ${role}`,
      passwordHash: await hashPassword(password),
      role,
      scopeLevel: scope.level,
      scopeId: scope.level === 'organisation' ? null : scope.id,
    })
    .returning();
  return { id: user!.id, email, password };
}
