import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, organisations, sites, units } from '../../db/schema';

export type TUnitPlace = {
  unitId: string;
  unitName: string;
  departmentId: string;
  siteId: string;
  organisationId: string;
};

const unitPlaceQuery = (db: Db) =>
  db
    .select({
      unitId: units.id,
      unitName: units.name,
      departmentId: departments.id,
      siteId: sites.id,
      organisationId: sites.organisationId,
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
    .select({ id: departments.id, name: departments.name, siteId: departments.siteId })
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

export async function updateUnit(db: Db, id: string, changes: { youSaidWeDidUrl?: string | null }) {
  const [row] = await db.update(units).set(changes).where(eq(units.id, id)).returning({
    id: units.id,
    name: units.name,
    departmentId: units.departmentId,
    youSaidWeDidUrl: units.youSaidWeDidUrl,
  });
  return row!;
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
