import { Show, createSignal } from 'solid-js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';
import { downloadFile } from './download-file.js';

/**
 * "Download proof" ([APPR60], [APPR69]): the request's proof bundle, which anyone can
 * check without this app or the relay (`npm run admin -- verify-approval FILE`).
 */
export function ProofDownload(props: { requestId: string }) {
  const [saved, setSaved] = createSignal<string | null>(null);
  const save = useAction(async () => {
    setSaved(
      await downloadFile(
        `/api/approvals/requests/${encodeURIComponent(props.requestId)}/proof`,
        `approval-${props.requestId}.json`,
      ),
    );
  });
  return (
    <div class="stack appr-proof">
      <div class="row">
        <button type="button" class="button" disabled={save.busy()} onClick={() => save.run()}>
          Download proof
        </button>
        <span class="muted small">
          The signed history as one file, to check offline with the relay’s key.
        </span>
      </div>
      <Show when={saved()}>{(name) => <p role="status">Saved {name()}.</p>}</Show>
      <FormError message={save.error()} />
    </div>
  );
}
