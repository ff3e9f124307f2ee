import { z } from 'zod';

/**
 * One theme of an editable taxonomy. Terms are words or phrases matched case-insensitively on word
 * boundaries; a trailing `*` makes a prefix ("click*" matches "clicks", "clicking"); a space or a
 * hyphen inside a term matches either ("pop-up" matches "pop up").
 */
export const ZTaxonomyTheme = z.object({
  key: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lowercase letters, digits and single hyphens'),
  label: z.string().trim().min(1).max(80),
  terms: z.array(z.string().trim().min(1).max(80)).min(1).max(200),
});
export type TTaxonomyTheme = z.infer<typeof ZTaxonomyTheme>;

export const ZTaxonomyDefinition = z
  .object({ themes: z.array(ZTaxonomyTheme).min(1).max(50) })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.themes.forEach((theme, i) => {
      if (seen.has(theme.key)) {
        ctx.addIssue({ code: 'custom', path: ['themes', i, 'key'], message: `duplicate key "${theme.key}"` });
      }
      seen.add(theme.key);
    });
  });
export type TTaxonomyDefinition = z.infer<typeof ZTaxonomyDefinition>;

/** Seed terms are written as one string per theme, separated by `|` or line breaks, to stay readable. */
const list = (terms: string): string[] =>
  terms
    .split(/[|\n]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** The clinician-friction themes an organisation starts with, before its quality lead edits them. */
export const FRICTION_TAXONOMY_SEED: TTaxonomyDefinition = {
  themes: [
    {
      key: 'usability-clicks',
      label: 'Usability and clicks',
      terms: list(`
        click* | too many screens | clunky | cumbersome | not intuitive | unintuitive | confusing
        hard to find | hard to navigate | navigat* | scroll* | drop-down | dropdown* | menu*
        workaround* | user interface | layout | buried | fiddly | awkward | usability | user friendly
        user-unfriendly
      `),
    },
    {
      key: 'alerts-fatigue',
      label: 'Alerts and alert fatigue',
      terms: list(`
        alert* | alert fatigue | pop-up* | popup* | warning* | notification* | alarm* | click through
        override* | dismiss* | nuisance | best practice advisory | BPA* | interruptive | reminder*
        hard stop* | too many warnings
      `),
    },
    {
      key: 'sign-in-access',
      label: 'Sign-in and access',
      terms: list(`
        log in | login* | log on | logon | logged out | sign in | signing in | password* | smartcard*
        smart card* | locked out | lockout | timed out | timeout* | two-factor | 2FA | MFA
        authenticat* | access denied | no access | permission* | single sign-on | SSO | badge tap
      `),
    },
    {
      key: 'downtime-speed',
      label: 'Downtime and speed',
      terms: list(`
        downtime | was down | is down | went down | system down | outage* | crash* | froze | freez*
        frozen | slow | slowness | lag | laggy | lagging | loading | spinning wheel | unresponsive
        not responding | offline | wifi | wi-fi | network | reboot* | restart*
      `),
    },
    {
      key: 'training-support',
      label: 'Training and support',
      terms: list(`
        training | trained | untrained | e-learning | elearning | super user* | superuser* | help desk
        helpdesk | service desk | IT support | support ticket* | ticket* | nobody knows how | how to use
        tutorial* | user guide* | floor walker* | onboarding | induction
      `),
    },
    {
      key: 'documentation-burden',
      label: 'Documentation burden',
      terms: list(`
        documentation | documenting | notes | note writing | charting | paperwork | copy and paste
        copy-paste | duplicate entry | double entry | re-enter* | typing | free text | mandatory field*
        required field* | forms | after hours | pyjama time | pajama time | admin burden | data entry
        tick box* | box ticking
      `),
    },
    {
      key: 'interoperability',
      label: 'Interoperability',
      terms: list(`
        interoperab* | doesn't talk to | don't talk to | not talking to | integrat* | interface* | HL7
        FHIR | import* | export* | results not showing | can't see results | GP record*
        summary care record | other trust* | fax* | paper copy | two systems | separate system*
        different systems | re-key*
      `),
    },
    {
      key: 'ai-accuracy-trust',
      label: 'AI accuracy and trust',
      terms: list(`
        AI | A.I. | artificial intelligence | scribe* | ambient | hallucinat* | invented | made up
        fabricat* | inaccura* | transcription error* | mistranscrib* | misheard | algorithm*
        machine learning | risk score* | chatbot* | don't trust | can't trust | not reliable
        unreliable | bias* | auto-generated | summar*
      `),
    },
    {
      key: 'patient-communication',
      label: 'Patient communication',
      terms: list(`
        patient portal | portal | patient messages | messages from patients | inbox | letter*
        text message* | SMS | video call* | video consultation* | telehealth | telephone consultation*
        interpreter* | translation* | easy read | results released | explain to patients
        patients confused | patient questions
      `),
    },
    {
      key: 'safety-concern',
      label: 'Safety concern',
      terms: list(`
        unsafe | safety | patient safety | near miss | incident* | Datix | harm | wrong patient
        wrong dose | wrong drug | medication error* | missed result* | lost result* | dangerous
        delay* in treatment | allerg* | duplicate order* | never event | could have killed
        risk to patients
      `),
    },
  ],
};

type TCompiledTerm = { term: string; re: RegExp };
/** A taxonomy ready for matching: build once per version, reuse for every comment. */
export type TCompiledTaxonomy = {
  themes: { key: string; label: string; terms: TCompiledTerm[] }[];
};

const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A term as a pattern: its text escaped character by character (terms are user input, so no
 * metacharacter keeps its meaning), runs of spaces or hyphens matching any run of spaces or hyphens,
 * and word boundaries that also work beside punctuation ("C++ (beta)"). The only repetition is over
 * single character classes, so matching stays linear in the text.
 */
function compileTerm(raw: string): TCompiledTerm {
  const term = raw.trim();
  const prefix = term.length > 1 && term.endsWith('*');
  const body = (prefix ? term.slice(0, -1) : term).trim();
  const source =
    body
      .split(/[\s-]+/)
      .filter(Boolean)
      .map(escapeRegex)
      .join(String.raw`[\s-]+`) || escapeRegex(body);
  const start = /^[\p{L}\p{N}_]/u.test(body) ? `(?<!${WORD_CHAR})` : '';
  const end = prefix ? `${WORD_CHAR}*` : /[\p{L}\p{N}_]$/u.test(body) ? `(?!${WORD_CHAR})` : '';
  return { term, re: new RegExp(`${start}${source}${end}`, 'iu') };
}

/** Validates a definition and compiles each term; throws a ZodError on an invalid definition. */
export function compileTaxonomy(def: TTaxonomyDefinition): TCompiledTaxonomy {
  const valid = ZTaxonomyDefinition.parse(def);
  return {
    themes: valid.themes.map((theme) => ({
      key: theme.key,
      label: theme.label,
      terms: [...new Set(theme.terms.map((t) => t.trim()))].map(compileTerm),
    })),
  };
}

/** The themes whose terms occur in `text`, in taxonomy order, each with the terms that matched. */
export function matchTaxonomy(
  compiled: TCompiledTaxonomy,
  text: string,
): { key: string; label: string; terms: string[] }[] {
  const matches: { key: string; label: string; terms: string[] }[] = [];
  for (const theme of compiled.themes) {
    const terms = theme.terms.filter((t) => t.re.test(text)).map((t) => t.term);
    if (terms.length > 0) matches.push({ key: theme.key, label: theme.label, terms });
  }
  return matches;
}
