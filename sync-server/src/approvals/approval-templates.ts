import { z } from 'zod';
import type {
  TemplateBody,
  TemplateList,
  TemplateRecord,
  TemplateUpdateBody,
} from '../../../shared/api/approvals.js';
import { Template } from '../../../shared/approvals/template.js';
import { isAdmin } from '../auth/accounts.js';
import { fail } from '../auth/api-failure.js';
import {
  newId,
  type IdentityStore,
  type TemplateRow,
  type UserRow,
} from '../auth/identity/identity-store.js';

/**
 * Approval templates, versioned [APPR33]: an edit stores a new version and never
 * changes an old one, so a request keeps reading the version it was made with.
 */
export class ApprovalTemplates {
  constructor(private readonly deps: { store: IdentityStore; now: () => number }) {}

  async list(viewer: UserRow): Promise<TemplateList> {
    notGuest(viewer);
    const rows = await this.deps.store.approvals.latestTemplates();
    const shown = isAdmin(viewer) ? rows : rows.filter((r) => r.archived === 0);
    return { templates: shown.map(recordOf) };
  }

  async get(viewer: UserRow, id: string, version?: number): Promise<TemplateRecord> {
    notGuest(viewer);
    const row = await this.deps.store.approvals.template(id, version);
    if (!row) throw fail.notFound('template');
    return recordOf(row);
  }

  create(actor: UserRow, body: TemplateBody): Promise<TemplateRecord> {
    adminOnly(actor);
    const template = checked({ id: newId(), version: 1, ...body });
    return this.deps.store.transaction(async (tx) => {
      await this.audit(tx, actor, 'approval-template.create', template);
      return new ApprovalTemplates({ ...this.deps, store: tx }).save(actor, template, false);
    });
  }

  update(actor: UserRow, id: string, body: TemplateUpdateBody): Promise<TemplateRecord> {
    adminOnly(actor);
    const { baseVersion, ...rest } = body;
    return this.deps.store.transaction(async (tx) => {
      const latest = await tx.approvals.template(id);
      if (!latest) throw fail.notFound('template');
      if (latest.version !== baseVersion)
        throw fail.conflict(
          `this template was saved as version ${latest.version} since you opened version ${baseVersion}; reload it`,
        );
      const template = checked({ id, version: latest.version + 1, ...rest });
      await this.audit(tx, actor, 'approval-template.edit', template);
      return new ApprovalTemplates({ ...this.deps, store: tx }).save(
        actor,
        template,
        latest.archived === 1,
      );
    });
  }

  setArchived(actor: UserRow, id: string, archived: boolean): Promise<TemplateRecord> {
    adminOnly(actor);
    return this.deps.store.transaction(async (tx) => {
      const latest = await tx.approvals.template(id);
      if (!latest) throw fail.notFound('template');
      await tx.approvals.setArchived(id, archived);
      const action = archived ? 'approval-template.archive' : 'approval-template.unarchive';
      await this.audit(tx, actor, action, latest);
      return recordOf((await tx.approvals.template(id))!);
    });
  }

  /** [APPR84] Who changed which template, to which version, in the audit log admins read. */
  private audit(
    tx: IdentityStore,
    actor: UserRow,
    action: string,
    template: { id: string; name: string; version: number },
  ): Promise<void> {
    const { id, name, version } = template;
    return tx.audit.append({
      at: this.deps.now(),
      actorId: actor.id,
      action,
      target: id,
      details: { name, version },
    });
  }

  private async save(actor: UserRow, template: Template, archived: boolean) {
    const row: TemplateRow = {
      id: template.id,
      version: template.version,
      name: template.name,
      body: JSON.stringify(template),
      archived: archived ? 1 : 0,
      created_at: this.deps.now(),
      created_by: actor.id,
    };
    await this.deps.store.approvals.insertTemplate(row);
    return recordOf(row);
  }
}

/** The template's own rules (unique ids, field sources of the right type) as a 400. */
function checked(template: unknown): Template {
  const parsed = Template.safeParse(template);
  if (!parsed.success) throw fail.invalid(z.prettifyError(parsed.error));
  return parsed.data;
}

export function templateOf(row: TemplateRow): Template {
  return Template.parse(JSON.parse(row.body));
}

function recordOf(row: TemplateRow): TemplateRecord {
  return {
    template: templateOf(row),
    archived: row.archived === 1,
    updatedAt: new Date(row.created_at).toISOString(),
    updatedBy: row.created_by,
  };
}

export function notGuest(viewer: UserRow): void {
  if (viewer.role === 'guest')
    throw fail.forbidden('guests have no approvals; ask an admin for a member account');
}

function adminOnly(actor: UserRow): void {
  if (!isAdmin(actor)) throw fail.forbidden('only admins can change approval templates');
}
