import { Match, Show, Switch } from 'solid-js';
import { formatBytes, type StorageReport } from '../../lib/storage-persistence.js';
import { Skeleton } from '../../ui/States.js';
import { useStorageReport } from './use-storage-report.js';
import './storage.css';

const PERSISTENCE_TEXT = {
  persisted: 'Kept: the browser will not clear it to free space without asking you.',
  'may-evict':
    'Not protected: the browser may clear it when the disk runs low, like a cache. Anything not yet sent to the relay would be lost with it.',
  unknown: 'This browser does not say whether it may clear it.',
} as const;

/**
 * Settings → Storage on this device ([DEV11], [DEV12]): how much the browser holds for
 * the workspace, whether it may evict it, and a button to ask it not to.
 */
export function StorageSection() {
  const storage = useStorageReport();
  const known = () => {
    const report = storage.report();
    return report?.kind === 'known' ? report : null;
  };
  return (
    <section class="card stack" aria-labelledby="storage-title" data-testid="storage-section">
      <h2 id="storage-title">Storage on this device</h2>
      <p class="muted">
        Your workspace is kept in this browser so it opens fast and works offline. Everything you
        sent is also on the relay; only what is still waiting to be sent lives here alone.
      </p>
      <Show
        when={!storage.report.loading}
        fallback={<Skeleton label="storage figures" lines={2} />}
      >
        <Switch>
          <Match when={storage.report()?.kind === 'unsupported'}>
            <p data-testid="storage-unsupported">
              This browser does not report its storage, so we cannot tell how much it holds or
              whether it may clear it. Keep the app open until changes are sent before clearing
              browsing data.
            </p>
          </Match>
          <Match when={known()}>{(report) => <Figures report={report()} />}</Match>
        </Switch>
        <Show when={known()?.persistence === 'may-evict'}>
          <div class="row">
            <button
              type="button"
              class="button"
              disabled={storage.outcome() === 'asking'}
              onClick={() => void storage.ask()}
            >
              Keep data on this device
            </button>
          </div>
        </Show>
        <Show when={storage.outcome() === 'refused'}>
          <p role="status" class="small">
            The browser said no for now. Browsers grant this to sites you use often, bookmark or
            install; try again later.
          </p>
        </Show>
        <Show when={storage.outcome() === 'failed'}>
          <p role="status" class="small">
            This browser cannot be asked to keep the data.
          </p>
        </Show>
      </Show>
    </section>
  );
}

function Figures(props: { report: Extract<StorageReport, { kind: 'known' }> }) {
  const usage = () => props.report.usage;
  const quota = () => props.report.quota;
  return (
    <>
      <dl class="storage-figures">
        <dt>Used on this device</dt>
        <dd data-testid="storage-usage">{usage() === null ? 'Unknown' : formatBytes(usage()!)}</dd>
        <dt>Space the browser allows</dt>
        <dd data-testid="storage-quota">{quota() === null ? 'Unknown' : formatBytes(quota()!)}</dd>
        <dt>Protected from clearing</dt>
        <dd data-testid="storage-persisted" data-persistence={props.report.persistence}>
          {PERSISTENCE_TEXT[props.report.persistence]}
        </dd>
      </dl>
      <Show when={usage() !== null && quota() !== null && quota()! > 0}>
        <meter
          class="storage-meter"
          aria-label="Storage used"
          min={0}
          max={quota()!}
          value={usage()!}
        />
      </Show>
    </>
  );
}
