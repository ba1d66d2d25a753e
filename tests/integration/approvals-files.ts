import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ActionResult, RequestDetail, TemplateRecord } from '../../shared/api/approvals.js';
import { OrgChart } from '../../shared/org/org-chart.js';
import type { BlobStore } from '../../sync-server/src/files/blob-store.js';
import type { ApiClient } from '../support/api-client.js';
import { joinAs } from '../support/approval-people.js';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.4\n% a receipt\n');

/** Raw bytes up or down, with the person's session (ApiClient speaks JSON only). */
async function raw(
  who: ApiClient,
  method: string,
  path: string,
  body?: Uint8Array<ArrayBuffer>,
  type = '',
) {
  const response = await fetch(`${who.baseUrl}/api${path}`, {
    method,
    headers: {
      cookie: who.sessionCookie ?? '',
      ...(type && { 'content-type': type, 'x-file-name': 'receipt%20one.png' }),
    },
    ...(body && { body }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, bytes, text: new TextDecoder().decode(bytes) };
}

/**
 * Attachments on a request and on a decision ([APPR85]–[APPR87]), through real relays.
 * With `blobs` (the embedded relay's store), a file's bytes are then changed behind the
 * relay's back, and it refuses to serve them.
 */
export async function attachmentCases(
  admin: ApiClient,
  [one, two]: [string, string],
  blobs?: BlobStore,
) {
  const ann = await joinAs(one, admin, 'member', 'Ann');
  const mia = await joinAs(two, admin, 'member', 'Mia');
  const zed = await joinAs(one, admin, 'member', 'Zed');
  await admin.ok(OrgChart, 'PUT', `/org/people/${ann.id}/manager`, { managerId: mia.id });
  const { template } = await admin.ok(TemplateRecord, 'POST', '/approvals/templates', {
    name: 'Receipt',
    fields: [{ id: 'receipt', label: 'Receipt', type: 'attachment', required: true }],
    flow: [
      {
        kind: 'approve',
        id: 'mgr',
        mode: 'sequential',
        approvers: [{ kind: 'manager', levels: 1, chain: false }],
      },
    ],
  });

  // [APPR85] bytes are checked against their declared type; the id is their SHA-256.
  expect((await raw(ann.api, 'POST', '/approvals/files', PNG, 'application/pdf')).status).toBe(415);
  const up = await raw(ann.api, 'POST', '/approvals/files', PNG, 'image/png');
  expect(up.status).toBe(201);
  const uploaded = JSON.parse(up.text) as { id: string; name: string };
  expect(uploaded).toMatchObject({ id: sha256(PNG), name: 'receipt one.png', size: PNG.length });
  const png = { id: uploaded.id, name: uploaded.name };
  const submit = (form: unknown) =>
    ann.api.call<{ code: string; message: string }>('POST', '/approvals/requests', {
      actionId: randomUUID(),
      templateId: template.id,
      form,
    });
  const unknown = await submit({ receipt: [{ id: sha256('never sent'), name: 'x.png' }] });
  expect([unknown.status, unknown.body.message]).toEqual([
    400,
    expect.stringContaining('was not uploaded'),
  ]);
  const submitted = ActionResult.parse((await submit({ receipt: [png] })).body);
  const id = submitted.request.id;
  const other = ActionResult.parse((await submit({ receipt: [png] })).body).request.id;

  // A decision with a file of its own; the signed log names both files by hash.
  const pdf = JSON.parse(
    (await raw(mia.api, 'POST', '/approvals/files', PDF, 'application/pdf')).text,
  ) as {
    id: string;
  };
  await mia.api.ok(ActionResult, 'POST', `/approvals/requests/${id}/actions`, {
    actionId: randomUUID(),
    action: { kind: 'approve', comment: 'ok', attachments: [{ id: pdf.id, name: 'note.pdf' }] },
  });
  const detail = await ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${id}`);
  expect(detail.entries[0]?.body.form).toEqual({ receipt: [png] });
  expect(detail.entries[1]?.body.attachments).toEqual([{ id: pdf.id, name: 'note.pdf' }]);

  // [APPR86] people on the request read both; anyone else, or through another request, 404.
  const file = (who: ApiClient, request: string, fileId: string) =>
    raw(who, 'GET', `/approvals/requests/${request}/files/${fileId}`);
  expect((await file(mia.via(one), id, png.id)).bytes).toEqual(PNG);
  expect((await file(ann.via(two), id, pdf.id)).bytes).toEqual(PDF);
  expect((await file(zed.api, id, png.id)).status).toBe(404);
  expect((await file(ann.api, other, pdf.id)).status).toBe(404);

  // [APPR87] bytes changed on the relay's disk no longer match the log: refused, not served.
  if (!blobs) return;
  const key = sha256(`ws-approval-file/v1\n${png.id}`);
  await blobs.put(key, new Uint8Array([...PNG, 9]));
  const tampered = await file(ann.api, id, png.id);
  expect([tampered.status, tampered.text]).toEqual([
    409,
    expect.stringContaining('does not match'),
  ]);
}
