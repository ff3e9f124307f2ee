/**
 * The demo trust: two sites, twelve units, three surveys and two technology changes, with the
 * traits the generator draws answers from. Every name is invented; no unit, person or comment
 * comes from real data.
 */

export type TUnitKind = 'emergency' | 'clinic' | 'ward' | 'maternity' | 'therapy';

export type TDemoUnit = {
  key: string;
  name: string;
  site: string;
  department: string;
  kind: TUnitKind;
  /** Chance that a patient answers "very good" or "good" on an ordinary day. */
  baseline: number;
  /** FFT answers on an ordinary weekday at scale 1. */
  volume: number;
  /** Weekend volume as a share of a weekday's. */
  weekend: number;
};

export const DEMO_ORGANISATION = 'Northbridge Health NHS Trust (demo)';
export const DEMO_TIME_ZONE = 'Europe/London';

export const SITES = {
  city: 'City General',
  riverside: 'Riverside Community',
} as const;

/** Points of FFT positive a site loses over the year: City General gets busier; Riverside holds steady. */
export const SITE_DRIFT_PER_YEAR: Record<string, number> = { [SITES.city]: -0.08, [SITES.riverside]: 0 };

const CITY = SITES.city;
const RIVER = SITES.riverside;
const unit = (
  key: string,
  name: string,
  site: string,
  department: string,
  kind: TUnitKind,
  baseline: number,
  volume: number,
  weekend: number,
): TDemoUnit => ({ key, name, site, department, kind, baseline, volume, weekend });
const UEC = 'Urgent and Emergency Care';
const OPD = 'Outpatients';
const TAC = 'Therapies and Clinics';

export const DEMO_UNITS: readonly TDemoUnit[] = [
  unit('ed', 'Emergency Department', CITY, UEC, 'emergency', 0.78, 30, 1.05),
  unit('utc', 'Urgent Treatment Centre', CITY, UEC, 'emergency', 0.84, 22, 1.15),
  unit('cardio', 'Cardiology Outpatients', CITY, OPD, 'clinic', 0.9, 22, 0.05),
  unit('ortho', 'Orthopaedic Clinic', CITY, OPD, 'clinic', 0.88, 24, 0.05),
  unit('derm', 'Dermatology Clinic', CITY, OPD, 'clinic', 0.92, 18, 0.05),
  unit('ward7', 'Ward 7 (Acute Medicine)', CITY, 'Medicine', 'ward', 0.86, 12, 0.9),
  unit('ward9', 'Ward 9 (Elderly Care)', CITY, 'Medicine', 'ward', 0.88, 10, 0.9),
  unit('physio', 'Physiotherapy', RIVER, TAC, 'therapy', 0.94, 20, 0.1),
  unit('diabetes', 'Diabetes Clinic', RIVER, TAC, 'clinic', 0.9, 18, 0.05),
  unit('eye', 'Eye Clinic', RIVER, TAC, 'clinic', 0.89, 24, 0.1),
  unit('birth', 'Birth Centre', RIVER, 'Maternity', 'maternity', 0.93, 9, 0.95),
  unit('antenatal', 'Antenatal Clinic', RIVER, 'Maternity', 'maternity', 0.91, 16, 0.05),
];

export type TChangeKey = 'kiosk' | 'scribe';

export type TDemoChange = {
  key: TChangeKey;
  name: string;
  kind: 'kiosk' | 'ai_tool';
  description: string;
  unitKeys: readonly string[];
  /** Points of FFT positive the change's units lose from go-live (0: no effect on patients). */
  effect: number;
};

export const DEMO_CHANGES: Record<TChangeKey, TDemoChange> = {
  kiosk: {
    key: 'kiosk',
    name: 'Self check-in kiosks',
    kind: 'kiosk',
    description:
      'Touch-screen kiosks replace the reception desk for outpatient check-in at City General. ' +
      'Patients scan their appointment letter and are sent to the waiting area.',
    unitKeys: ['cardio', 'ortho', 'derm'],
    effect: -0.12,
  },
  scribe: {
    key: 'scribe',
    name: 'Ambient AI scribe',
    kind: 'ai_tool',
    description:
      'An AI scribe listens to the consultation (with consent) and drafts the clinic letter for the ' +
      'clinician to check, in Riverside clinics.',
    unitKeys: ['physio', 'diabetes', 'eye'],
    effect: 0,
  },
};

export type TDemoSurveyKey = 'fft' | 'nps' | 'pulse';

/** The built-in templates the demo publishes, and how many answers each gets per FFT answer. */
export const DEMO_SURVEYS: Record<
  TDemoSurveyKey,
  { templateId: 'nhs-fft' | 'nps' | 'change-pulse'; share: number }
> = {
  fft: { templateId: 'nhs-fft', share: 1 },
  nps: { templateId: 'nps', share: 0.22 },
  // Clinicians: about one pulse every two working days per unit, whatever the patient volume.
  pulse: { templateId: 'change-pulse', share: 0 },
};
export const PULSE_PER_UNIT_DAY = 0.5;

/** The impact page's default windows, which the go-live dates are placed to fit. */
export const WINDOWS = { before: 84, settle: 14, after: 84 } as const;
