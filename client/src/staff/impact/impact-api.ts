import type { TBoardComments } from '../../../../shared/src/api/board';
import type { TImpact } from '../../../../shared/src/api/impact';
import { API_BASE } from '../../common/http';
import { staffRequest } from '../session';

/** The windows a change page asks for: days before, after and left out, and the comparison. */
export type TImpactWindow = { before: number; after: number; settle: number; comparison: 'auto' | 'none' };

/** The impact API's own defaults, so an address without a query shows what the API would. */
export const DEFAULT_WINDOW: TImpactWindow = { before: 84, after: 84, settle: 14, comparison: 'auto' };

const LIMITS = { before: [7, 730], after: [7, 730], settle: [0, 365] } as const;

export function windowQuery(w: TImpactWindow): string {
  return new URLSearchParams({
    before: String(w.before),
    after: String(w.after),
    settle: String(w.settle),
    comparison: w.comparison,
  }).toString();
}

/** The window from `#/changes/<id>?before=…`: out-of-range or missing numbers fall back to the defaults. */
export function windowFromSearch(search: string): TImpactWindow {
  const params = new URLSearchParams(search);
  const day = (key: keyof typeof LIMITS): number => {
    const value = Number(params.get(key));
    const [min, max] = LIMITS[key];
    return params.has(key) && Number.isInteger(value) && value >= min && value <= max
      ? value
      : DEFAULT_WINDOW[key];
  };
  return {
    before: day('before'),
    after: day('after'),
    settle: day('settle'),
    comparison: params.get('comparison') === 'none' ? 'none' : 'auto',
  };
}

export const isDefaultWindow = (w: TImpactWindow): boolean => windowQuery(w) === windowQuery(DEFAULT_WINDOW);

const id = (value: string): string => encodeURIComponent(value);

/** The change page's endpoints, typed by the shared contracts. */
export const impactApi = {
  impact: (changeId: string, w: TImpactWindow) =>
    staffRequest<TImpact>(`/changes/${id(changeId)}/impact?${windowQuery(w)}`),
  /** Plain links: the session cookie authenticates them, and the browser opens or saves the file. */
  reportUrl: (changeId: string, w: TImpactWindow, format: 'html' | 'pdf') =>
    `${API_BASE}/changes/${id(changeId)}/report.${format}?${windowQuery(w)}`,
  /**
   * Example comments on a theme from the change's units in the after window; the server applies
   * the comment threshold and audits the read.
   */
  comments: (changeId: string, w: TImpactWindow, theme: string, limit: number): Promise<TBoardComments> => {
    const days = { before: String(w.before), after: String(w.after), settle: String(w.settle) };
    const query = new URLSearchParams({ ...days, side: 'after', theme, limit: String(limit) });
    return staffRequest<TBoardComments>(`/changes/${id(changeId)}/comments?${query.toString()}`);
  },
};
