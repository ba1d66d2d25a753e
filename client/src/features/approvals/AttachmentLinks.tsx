import { bytesToHex } from '@noble/hashes/utils.js';
import { For } from 'solid-js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

/**
 * Files a verified log names ([APPR85]–[APPR87]): each opens only after the device has
 * checked that the bytes the relay sent hash to the id the signed log holds.
 */
export function AttachmentLinks(props: {
  requestId: string;
  files: readonly { id: string; name: string }[];
}) {
  const open = useAction(async (file: { id: string; name: string }) => {
    let response: Response;
    try {
      response = await fetch(
        `/api/approvals/requests/${encodeURIComponent(props.requestId)}/files/${file.id}`,
        { credentials: 'same-origin' },
      );
    } catch {
      throw new Error('Files are kept on the relay: try again when you are online.');
    }
    if (!response.ok)
      throw new Error(`The relay could not send ${file.name} (${response.status}).`);
    const bytes = await response.arrayBuffer();
    const hash = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    if (hash !== file.id)
      throw new Error(
        `${file.name} does not match the signed request: it was changed. Tell your admin.`,
      );
    const url = URL.createObjectURL(
      new Blob([bytes], { type: response.headers.get('content-type') ?? '' }),
    );
    const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  return (
    <span class="appr-file-links">
      <For each={props.files}>
        {(file) => (
          <button
            type="button"
            class="button button-small"
            disabled={open.busy()}
            onClick={() => open.run(file)}
          >
            {file.name}
          </button>
        )}
      </For>
      <FormError message={open.error()} />
    </span>
  );
}
