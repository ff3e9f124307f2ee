import { sql, type SQL } from 'drizzle-orm';
import type { TBoardScope } from '../../../shared/src/api/board';

/**
 * Rows inside a board scope, for any table with `unit_id`, `change_id` and `survey_id` columns
 * (rollups, responses, links) under the alias given. Boards, comment lists and alerts all use it,
 * so they agree on what a scope holds. The organisation itself is filtered by the caller.
 */
export function scopeFilter(scope: TBoardScope, alias = 't'): SQL {
  const unit = sql.raw(`${alias}.unit_id`);
  switch (scope.level) {
    case 'organisation':
      return sql`TRUE`;
    case 'site':
      return sql`${unit} IN (SELECT u.id FROM units u JOIN departments d ON d.id = u.department_id
        WHERE d.site_id = ${scope.id})`;
    case 'department':
      return sql`${unit} IN (SELECT u.id FROM units u WHERE u.department_id = ${scope.id})`;
    case 'unit':
      return sql`${unit} = ${scope.id}`;
    case 'change':
      return sql`${sql.raw(`${alias}.change_id`)} = ${scope.id}`;
    case 'survey':
      return sql`${sql.raw(`${alias}.survey_id`)} = ${scope.id}`;
  }
}
