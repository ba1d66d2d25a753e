/**
 * The records of approvals (APPROVALS.md [APPR60]–[APPR68]; relay:
 * routes/approval-records-route.ts):
 *
 * | method | path                                   | who            | result                              |
 * |--------|----------------------------------------|----------------|-------------------------------------|
 * | GET    | /api/approvals/requests/:id/proof      | on the request | → ProofBundle (a JSON download)     |
 * | GET    | /api/approvals/export.csv?RecordsQuery | non-guest      | → CSV (admins: all; others: own)    |
 * | GET    | /api/approvals/export.zip?RecordsQuery | admin          | → ZIP: requests.csv + proofs/*.json |
 * | GET    | /api/approvals/cycle-times?from&to     | admin          | → CycleTimeList                     |
 */
import { z } from 'zod';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine(
    (day) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day,
    'not a day of the calendar',
  );

/** Which requests: of one template, submitted from `from` to `to` (whole days, UTC, both included). */
export const RecordsQuery = z
  .object({
    templateId: z.string().min(1).max(100).optional(),
    from: Day.optional(),
    to: Day.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to');
export type RecordsQuery = z.infer<typeof RecordsQuery>;

/** [APPR66] One template's figures; shares are of the closed requests. */
export const CycleTimes = z.object({
  templateId: z.string(),
  templateName: z.string(),
  requests: z.number().int(),
  open: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  withdrawn: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type CycleTimes = z.infer<typeof CycleTimes>;

export const CycleTimeList = z.object({ templates: z.array(CycleTimes) });
export type CycleTimeList = z.infer<typeof CycleTimeList>;
