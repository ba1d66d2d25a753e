import { createHash } from 'node:crypto';
import { FileContentType } from '../../../shared/api/schemas.js';
import type { LogEntry } from '../../../shared/approvals/log.js';
import { ApiFailure, fail } from '../auth/api-failure.js';
import type { IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import { StorageFullError, type BlobStore } from '../files/blob-store.js';
import { sniffType } from '../files/sniff-type.js';
import type { StorageUsage } from '../files/storage-usage.js';
import { notGuest } from './approval-templates.js';
import { isNamed, type Named } from './attachments.js';
import { mayRead, readLog } from './request-log.js';

/** What an upload answers: `id` goes into a form or a decision as `{id, name}`. */
export type ApprovalFile = { id: string; name: string; contentType: string; size: number };

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
/**
 * [APPR85] Where an attachment's bytes are kept: a key of their own, so deleting a room
 * file with the same bytes (or its retention) never deletes an approval's.
 */
const blobKey = (id: string) => sha256(`ws-approval-file/v1\n${id}`);

/**
 * Approval attachments ([APPR85]–[APPR87]): uploaded before they are named in a form
 * or a decision, named there by the SHA-256 of their bytes so the signed log covers
 * them, readable only through a request whose log names them.
 */
export class ApprovalFiles {
  constructor(
    private readonly deps: {
      store: IdentityStore;
      blobs: BlobStore;
      now: () => number;
      usage?: StorageUsage;
    },
  ) {}

  async upload(
    user: UserRow,
    upload: { bytes: Uint8Array; declaredType: string; name: string },
  ): Promise<ApprovalFile> {
    notGuest(user);
    if (upload.bytes.length === 0) throw fail.invalid('the file is empty');
    const type = sniffType(upload.bytes);
    if (!type || type !== upload.declaredType)
      throw new ApiFailure(
        415,
        'invalid_input',
        type
          ? `the file's content is ${type}, not ${upload.declaredType}`
          : 'only PNG, JPEG, GIF, WebP and PDF files can be attached',
      );
    const id = sha256(upload.bytes);
    const blob = blobKey(id);
    await this.deps.usage?.checkUpload(user.id, blob, upload.bytes.length);
    try {
      await this.deps.blobs.put(blob, upload.bytes);
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      throw fail.storageFull("the relay's disk is full, so the file was not stored; try later");
    }
    await this.deps.store.approvals.insertFile({
      id,
      blob,
      content_type: type,
      size: upload.bytes.length,
      name: upload.name,
      uploaded_by: user.id,
      created_at: this.deps.now(),
    });
    return { id, name: upload.name, contentType: type, size: upload.bytes.length };
  }

  /**
   * [APPR86] The bytes, to someone who may read the request, when its log names the file;
   * 404 otherwise. [APPR87] Bytes that no longer hash to their id are refused, never served.
   */
  async read(
    viewer: UserRow,
    requestId: string,
    fileId: string,
  ): Promise<{ contentType: FileContentType; name: string; bytes: Uint8Array }> {
    const named = await this.deps.store.transaction(async (tx) => {
      if (!(await tx.approvals.request(requestId)) || !(await mayRead(tx, viewer, requestId)))
        throw fail.notFound('request');
      const log = await readLog(tx, requestId);
      return log.entries.flatMap(attachmentsOf).find((a) => a.id === fileId);
    });
    const row = named && (await this.deps.store.approvals.file(fileId));
    const bytes = row ? await this.deps.blobs.get(row.blob) : null;
    if (!named || !row || !bytes) throw fail.notFound('file');
    if (sha256(bytes) !== fileId)
      throw new ApiFailure(
        409,
        'conflict',
        'the stored file does not match the hash in the signed request; ask the operator to restore it',
      );
    return { contentType: FileContentType.parse(row.content_type), name: named.name, bytes };
  }
}

/** Files an entry names: its decision's attachments and, for a (re)submit, any in its form. */
function attachmentsOf(entry: LogEntry): Named[] {
  const files: Named[] = [];
  const walk = (value: unknown) => {
    if (isNamed(value) && /^[0-9a-f]{64}$/.test(value.id)) files.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(entry.kind === 'submit' || entry.kind === 'resubmit' ? entry.body.form : null);
  walk(entry.body.attachments);
  return files;
}
