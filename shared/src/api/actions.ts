import { z } from 'zod';

/**
 * Actions: what a quality team does about what people said, and the "You said, we did" pages that
 * tell patients and staff. An action starts from something seen (a theme, an SPC signal, a change,
 * an alert or comments picked by hand); the reports behind it are linked when it is created, so a
 * clinician who asked to be contacted can follow it on "My reports".
 */

export const ZActionStatus = z.enum(['planned', 'in_progress', 'done']);
export type TActionStatus = z.infer<typeof ZActionStatus>;

/** Where an action came from. `theme` is a framework theme's label or a friction theme's key. */
export const ZActionSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('theme'), theme: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('spc_signal'), signalId: z.uuid() }).strict(),
  z.object({ kind: z.literal('change'), changeId: z.uuid() }).strict(),
  z.object({ kind: z.literal('alert'), alertId: z.uuid() }).strict(),
  z.object({ kind: z.literal('comments'), responseIds: z.array(z.uuid()).min(1).max(200) }).strict(),
]);
export type TActionSource = z.infer<typeof ZActionSource>;
export type TActionSourceKind = TActionSource['kind'];

const ZTitle = z.string().trim().min(1).max(200);
/** Shown to the public as entered: plain words, no names, no quotes from comments. */
const ZPublicDescription = z.string().trim().min(1).max(2000);

export const ZActionCreate = z
  .object({
    title: ZTitle,
    publicDescription: ZPublicDescription,
    /** A staff member of the organisation; the creator when left out. */
    ownerUserId: z.uuid().optional(),
    dueDate: z.iso.date().nullable().optional(),
    status: ZActionStatus.default('planned'),
    /** The organisation-local day it was done; today when status is done and this is left out. */
    doneDate: z.iso.date().optional(),
    unitIds: z.array(z.uuid()).min(1).max(500),
    source: ZActionSource,
  })
  .strict();
export type TActionCreate = z.infer<typeof ZActionCreate>;

/** Edits; what is left out stays. Moving out of `done` clears the done date. The source is fixed. */
export const ZActionUpdate = z
  .object({
    title: ZTitle,
    publicDescription: ZPublicDescription,
    ownerUserId: z.uuid(),
    dueDate: z.iso.date().nullable(),
    status: ZActionStatus,
    doneDate: z.iso.date(),
    unitIds: z.array(z.uuid()).min(1).max(500),
  })
  .partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, { error: 'give at least one field to change' });
export type TActionUpdate = z.infer<typeof ZActionUpdate>;

export const ZAction = z.object({
  id: z.uuid(),
  title: z.string(),
  publicDescription: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.iso.date().nullable(),
  status: ZActionStatus,
  doneDate: z.iso.date().nullable(),
  unitIds: z.array(z.uuid()),
  source: ZActionSource,
  /** Reports linked when it was made; null when fewer than the organisation's k (small groups). */
  linkedReports: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TAction = z.infer<typeof ZAction>;

/** `GET /actions`: the actions on units the viewer may see, filtered. */
export const ZActionsQuery = z
  .object({
    unitId: z.uuid().optional(),
    changeId: z.uuid().optional(),
    status: ZActionStatus.optional(),
  })
  .strict();
export type TActionsQuery = z.infer<typeof ZActionsQuery>;

/** One of the signed-in clinician's own reports (sent with consent to contact) and what was done. */
export const ZMyReport = z.object({
  responseId: z.uuid(),
  submittedAt: z.iso.datetime(),
  unitName: z.string().nullable(),
  /** Friction and framework themes the analysis found; empty until analysed. */
  themes: z.array(z.string()),
  actions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      publicDescription: z.string(),
      status: ZActionStatus,
      dueDate: z.iso.date().nullable(),
      doneDate: z.iso.date().nullable(),
    }),
  ),
});
export type TMyReport = z.infer<typeof ZMyReport>;
export const ZMyReports = z.object({ items: z.array(ZMyReport) });
export type TMyReports = z.infer<typeof ZMyReports>;
