import type { TScope } from '../../../../shared/src/api/auth';
import type { TBoardPeriod, TBoardScope } from '../../../../shared/src/api/board';
import type { TChange, TOrgTree } from '../../../../shared/src/api/org';
import type { TSurveySummary } from '../../../../shared/src/api/surveys';
import { h } from '../../common/dom';
import { PERIOD_LABELS } from './format';

export type TBoardView = { scope: TBoardScope; period: TBoardPeriod };

const LEVELS = ['organisation', 'site', 'department', 'unit', 'change', 'survey'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the board shows, from `#/board?level=unit&id=…&period=30d`; else the user's own scope. */
export function viewFromHash(hash: string, fallback: TScope): TBoardView {
  const params = new URLSearchParams(hash.split('?')[1] ?? '');
  const period = params.get('period') ?? '';
  const level = params.get('level') ?? '';
  const id = params.get('id') ?? '';
  const chosenPeriod = period in PERIOD_LABELS ? (period as TBoardPeriod) : '30d';
  if (level === 'organisation') return { scope: { level }, period: chosenPeriod };
  if ((LEVELS as readonly string[]).includes(level) && UUID.test(id)) {
    return { scope: { level, id } as TBoardScope, period: chosenPeriod };
  }
  return { scope: fallback, period: chosenPeriod };
}

/** The address of a view, so a wall screen showing it comes back to it after a reload. */
export function hashOfView(view: TBoardView): string {
  const params = new URLSearchParams({ level: view.scope.level });
  if (view.scope.level !== 'organisation') params.set('id', view.scope.id);
  params.set('period', view.period);
  return `#/board?${params.toString()}`;
}

export const scopeValue = (scope: TBoardScope): string =>
  scope.level === 'organisation' ? 'organisation' : `${scope.level}:${scope.id}`;

export function scopeOfValue(value: string): TBoardScope | null {
  if (value === 'organisation') return { level: 'organisation' };
  const [level, id] = value.split(':');
  if (!level || !id || !(LEVELS as readonly string[]).includes(level)) return null;
  return { level, id } as TBoardScope;
}

export const sameScope = (a: TBoardScope, b: TBoardScope): boolean => scopeValue(a) === scopeValue(b);

export type TScopeSources = {
  org: TOrgTree | null;
  changes: TChange[];
  surveys: TSurveySummary[];
};

/**
 * The scopes a user may pick, as the server decides them: places inside their own scope; a change
 * when every unit it touches is inside it; the whole organisation and surveys for organisation-wide
 * staff only. Grouped by kind, with places named by their path so that two "Ward 7"s differ.
 */
export function scopeOptions(userScope: TScope, sources: TScopeSources): HTMLElement[] {
  const orgWide = userScope.level === 'organisation';
  const within = (...ids: string[]): boolean => orgWide || ids.includes((userScope as { id: string }).id);
  const sites: HTMLElement[] = [];
  const departments: HTMLElement[] = [];
  const units: HTMLElement[] = [];
  const visibleUnits = new Set<string>();
  for (const site of sources.org?.sites ?? []) {
    if (within(site.id)) sites.push(h('option', { value: `site:${site.id}` }, site.name));
    for (const d of site.departments) {
      const path = `${site.name} › ${d.name}`;
      if (within(site.id, d.id)) departments.push(h('option', { value: `department:${d.id}` }, path));
      for (const u of d.units) {
        if (!within(site.id, d.id, u.id)) continue;
        visibleUnits.add(u.id);
        units.push(h('option', { value: `unit:${u.id}` }, `${path} › ${u.name}`));
      }
    }
  }
  const changes = sources.changes
    .filter((c) => orgWide || (c.unitIds.length > 0 && c.unitIds.every((id) => visibleUnits.has(id))))
    .map((c) => h('option', { value: `change:${c.id}` }, c.name));
  const surveys = orgWide
    ? sources.surveys
        .filter((s) => s.status !== 'draft')
        .map((s) => h('option', { value: `survey:${s.id}` }, s.title))
    : [];
  const group = (label: string, options: HTMLElement[]): HTMLElement | null =>
    options.length > 0 ? h('optgroup', { label }, options) : null;
  return [
    orgWide ? h('option', { value: 'organisation' }, sources.org?.name ?? 'Whole organisation') : null,
    group('Sites', sites),
    group('Departments', departments),
    group('Units', units),
    group('Technology changes', changes),
    group('Surveys', surveys),
  ].filter((el): el is HTMLElement => el !== null);
}
