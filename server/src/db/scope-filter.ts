import { sql, type SQL } from 'drizzle-orm';
import type { TBoardScope } from '../../../shared/src/api/board';
import { queryRows, type Db } from './client';

/** The rows a board scope holds: every row of the organisation, some units, a change, or a survey. */
export type TScopeRows =
  | { kind: 'all' }
  | { kind: 'units'; ids: string[] }
  | { kind: 'change'; id: string }
  | { kind: 'survey'; id: string };

/**
 * Resolves a site or department to its units now (units are added over time). Reading with the
 * unit ids as constants, rather than a subquery, lets the planner see how many rows it will get:
 * with a subquery it expected a few hundred of a site's 45,000 rollup rows and sorted them on disk.
 */
export async function scopeRows(db: Db, scope: TBoardScope): Promise<TScopeRows> {
  switch (scope.level) {
    case 'organisation':
      return { kind: 'all' };
    case 'unit':
      return { kind: 'units', ids: [scope.id] };
    case 'change':
    case 'survey':
      return { kind: scope.level, id: scope.id };
    case 'site':
    case 'department': {
      const rows = await queryRows<{ id: string }>(
        db,
        scope.level === 'site'
          ? sql`SELECT u.id FROM units u JOIN departments d ON d.id = u.department_id WHERE d.site_id = ${scope.id}`
          : sql`SELECT u.id FROM units u WHERE u.department_id = ${scope.id}`,
      );
      return { kind: 'units', ids: rows.map((r) => r.id) };
    }
  }
}

/**
 * Rows inside a board scope, for any table with `unit_id`, `change_id` and `survey_id` columns
 * (rollups, responses, links) under the alias given. Boards, comment lists and alerts all use it,
 * so they agree on what a scope holds. The organisation itself is filtered by the caller.
 */
export function scopeFilter(rows: TScopeRows, alias = 't'): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  switch (rows.kind) {
    case 'all':
      return sql`TRUE`;
    case 'units':
      return rows.ids.length === 0 ? sql`FALSE` : sql`${column('unit_id')} IN ${rows.ids}`;
    case 'change':
      return sql`${column('change_id')} = ${rows.id}`;
    case 'survey':
      return sql`${column('survey_id')} = ${rows.id}`;
  }
}
