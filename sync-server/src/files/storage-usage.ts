import { ApiFailure } from '../auth/api-failure.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import type { Persistence } from '../persistence/persistence.js';

/** The quotas; 0 means unlimited. */
export interface Quotas {
  /** Documents plus files of the whole workspace [QUOTA1]. */
  workspaceBytes: number;
  /** Files each person uploaded [QUOTA2]. */
  personBytes: number;
}

/** What the workspace stores, for the quota check and `npm run admin -- usage`. */
export interface Usage {
  documents: number;
  files: number;
  total: number;
  /** Bytes of the files each person uploaded, by user id. */
  byPerson: Map<string, number>;
}

/**
 * Storage quotas [QUOTA1]-[QUOTA4]. Only file uploads are refused: document updates
 * are never refused for space, because a refused edit would live only on the device
 * that made it (see OPERATIONS.md [QUOTA4]).
 */
export class StorageUsage {
  constructor(
    private readonly deps: { persistence: Persistence; store: IdentityStore; quotas: Quotas },
  ) {}

  get quotas(): Quotas {
    return this.deps.quotas;
  }

  async measure(): Promise<Usage> {
    const [documents, files, byPerson] = await Promise.all([
      this.deps.persistence.storedBytes(),
      this.deps.store.files.storedBytes(),
      this.deps.store.files.uploadedBytes(),
    ]);
    return { documents, files, total: documents + files, byPerson };
  }

  /**
   * Refuses an upload of `size` new bytes by `userId` that would go over a quota,
   * with the scope, what is used and the limit [QUOTA1][QUOTA2]. Bytes the workspace
   * already stores (the same file again) cost nothing.
   */
  async checkUpload(userId: string, fileId: string, size: number): Promise<void> {
    const { workspaceBytes, personBytes } = this.deps.quotas;
    if (workspaceBytes === 0 && personBytes === 0) return;
    if (await this.deps.store.files.referenced(fileId)) return;
    const usage = await this.measure();
    if (workspaceBytes > 0 && usage.total + size > workspaceBytes)
      throw quotaExceeded('workspace', usage.total, workspaceBytes, size);
    const own = usage.byPerson.get(userId) ?? 0;
    if (personBytes > 0 && own + size > personBytes)
      throw quotaExceeded('person', own, personBytes, size);
  }
}

function quotaExceeded(
  scope: 'workspace' | 'person',
  used: number,
  limit: number,
  size: number,
): ApiFailure {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const message =
    scope === 'workspace'
      ? `the workspace's storage is full (${mb(used)} of ${mb(limit)} used); this file needs ${mb(size)}: ask an admin to free space`
      : `your upload quota is used up (${mb(used)} of ${mb(limit)}); this file needs ${mb(size)}: delete files you uploaded or ask an admin`;
  return new ApiFailure(scope === 'workspace' ? 507 : 413, 'quota_exceeded', message, undefined, {
    scope,
    used,
    limit,
  });
}
