import type { FormValues } from '../../../shared/approvals/form.js';
import type { Template } from '../../../shared/approvals/template.js';
import { fail } from '../auth/api-failure.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';

/** An attachment as a form or a decision names it ([APPR2]). */
export type Named = { id: string; name: string };
export const isNamed = (v: unknown): v is Named =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Named).id === 'string' &&
  typeof (v as Named).name === 'string';

/** The attachments a form holds: attachment fields, and attachment columns of tables. */
export function formAttachments(template: Template, form: FormValues): Named[] {
  const files: Named[] = [];
  const take = (value: unknown) => {
    if (Array.isArray(value)) files.push(...value.filter(isNamed));
  };
  for (const field of template.fields) {
    if (field.type === 'attachment') take(form[field.id]);
    if (field.type !== 'table') continue;
    const columns = field.columns.filter((c) => c.type === 'attachment').map((c) => c.id);
    const rows = form[field.id];
    if (Array.isArray(rows))
      for (const row of rows)
        if (row && typeof row === 'object')
          for (const c of columns) take((row as Record<string, unknown>)[c]);
  }
  return files;
}

/**
 * [APPR85] Every attachment named must have been uploaded; 400 names the first that was
 * not. Anyone may name any uploaded file: its id is the hash of its bytes, so naming it
 * shows nothing to whoever did not have the bytes already.
 */
export async function checkUploaded(
  tx: IdentityStore,
  attachments: readonly { id: string }[],
): Promise<void> {
  for (const { id } of attachments)
    if (!(await tx.approvals.file(id)))
      throw fail.invalid(`attachment ${id} was not uploaded; upload it first`);
}
