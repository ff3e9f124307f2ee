import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, organisations, sites, units } from '../../db/schema';

export type TUnitPlace = {
  unitId: string;
  unitName: string;
  departmentId: string;
  siteId: string;
  organisationId: string;
  /** The unit, its department or its site is retired: history only, never newly chosen. */
  retired: boolean;
};

const unitPlaceQuery = (db: Db) =>
  db
    .select({
      unitId: units.id,
      unitName: units.name,
      departmentId: departments.id,
      siteId: sites.id,
      organisationId: sites.organisationId,
      retired: sql<boolean>`(${units.retiredAt} IS NOT NULL OR ${departments.retiredAt} IS NOT NULL OR ${sites.retiredAt} IS NOT NULL)`,
    })
    .from(units)
    .innerJoin(departments, eq(departments.id, units.departmentId))
    .innerJoin(sites, eq(sites.id, departments.siteId));

export async function findUnitPlace(db: Db, unitId: string): Promise<TUnitPlace | null> {
  const [row] = await unitPlaceQuery(db).where(eq(units.id, unitId)).limit(1);
  return row ?? null;
}

export async function listUnitPlaces(db: Db, organisationId: string): Promise<TUnitPlace[]> {
  return unitPlaceQuery(db).where(eq(sites.organisationId, organisationId));
}

export async function listOrganisationTree(db: Db, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  const siteRows = await db
    .select()
    .from(sites)
    .where(eq(sites.organisationId, organisationId))
    .orderBy(sites.name);
  const deptRows = await db
    .select({
      id: departments.id,
      name: departments.name,
      siteId: departments.siteId,
      retiredAt: departments.retiredAt,
    })
    .from(departments)
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .where(eq(sites.organisationId, organisationId))
    .orderBy(departments.name);
  const unitRows = await db
    .select({
      id: units.id,
      name: units.name,
      departmentId: units.departmentId,
      youSaidWeDidUrl: units.youSaidWeDidUrl,
      concernPhone: units.concernPhone,
      concernUrl: units.concernUrl,
      retiredAt: units.retiredAt,
    })
    .from(units)
    .innerJoin(departments, eq(departments.id, units.departmentId))
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .where(eq(sites.organisationId, organisationId))
    .orderBy(units.name);
  return { org, siteRows, deptRows, unitRows };
}

export async function findSite(db: Db, id: string) {
  const [row] = await db.select().from(sites).where(eq(sites.id, id));
  return row ?? null;
}

export async function findDepartment(db: Db, id: string) {
  const [row] = await db
    .select({
      id: departments.id,
      name: departments.name,
      siteId: departments.siteId,
      organisationId: sites.organisationId,
      retiredAt: departments.retiredAt,
    })
    .from(departments)
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .where(eq(departments.id, id));
  return row ?? null;
}

export async function insertSite(db: Db, organisationId: string, name: string) {
  const [row] = await db.insert(sites).values({ organisationId, name }).returning();
  return row!;
}

export async function insertDepartment(db: Db, siteId: string, name: string) {
  const [row] = await db.insert(departments).values({ siteId, name }).returning();
  return row!;
}

export async function insertUnit(db: Db, departmentId: string, name: string) {
  const [row] = await db.insert(units).values({ departmentId, name }).returning();
  return row!;
}

const unitColumns = {
  id: units.id,
  name: units.name,
  departmentId: units.departmentId,
  youSaidWeDidUrl: units.youSaidWeDidUrl,
  concernPhone: units.concernPhone,
  concernUrl: units.concernUrl,
  retiredAt: units.retiredAt,
};
export async function findUnit(db: Db, id: string) {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, id));
  return row ?? null;
}

export type TUnitChanges = {
  youSaidWeDidUrl?: string | null;
  name?: string;
  retiredAt?: Date | null;
  concernPhone?: string | null;
  concernUrl?: string | null;
};

export async function updateUnit(db: Db, id: string, changes: TUnitChanges) {
  const [row] = await db.update(units).set(changes).where(eq(units.id, id)).returning(unitColumns);
  return row!;
}

export async function updateSite(db: Db, id: string, changes: { name?: string; retiredAt?: Date | null }) {
  await db.update(sites).set(changes).where(eq(sites.id, id));
}

export async function updateDepartment(
  db: Db,
  id: string,
  changes: { name?: string; retiredAt?: Date | null },
) {
  await db.update(departments).set(changes).where(eq(departments.id, id));
}

export async function findConcernContact(db: Db, organisationId: string) {
  const [row] = await db
    .select({ concernPhone: organisations.concernPhone, concernUrl: organisations.concernUrl })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row ?? null;
}

export async function updateConcernContact(
  db: Db,
  organisationId: string,
  contact: { concernPhone: string | null; concernUrl: string | null },
) {
  await db.update(organisations).set(contact).where(eq(organisations.id, organisationId));
}

/**
 * What other features need to know of an organisation: its name, clock, small-group thresholds and
 * change-analysis settings.
 */
export async function findOrganisationSettings(db: Db, id: string) {
  const [row] = await db
    .select({
      name: organisations.name,
      timezone: organisations.timezone,
      minGroupSize: organisations.minGroupSize,
      minCommentGroupSize: organisations.minCommentGroupSize,
      historyYears: organisations.historyYears,
      impactMinEffect: organisations.impactMinEffect,
    })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row ?? null;
}

export async function updateSettings(
  db: Db,
  id: string,
  settings:
    { minGroupSize: number; minCommentGroupSize: number } | { historyYears: number; impactMinEffect: number },
): Promise<void> {
  await db.update(organisations).set(settings).where(eq(organisations.id, id));
}
