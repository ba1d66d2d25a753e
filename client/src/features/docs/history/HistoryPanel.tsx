import { generateHTML } from '@tiptap/core';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type * as Y from 'yjs';
import type { RoomHandle } from '../../../sync/doc-registry.js';
import { fromYjs } from '../../../sync/yjs-signal.js';
import { FormError } from '../../../ui/FormError.js';
import { jsonText, readDocJson } from '../../../../../shared/model/docs/doc-json.js';
import { docExtensions } from '../../../../../shared/model/docs/doc-extensions.js';
import {
  restoreVersion,
  takeVersion,
  versionDoc,
  type Version,
  type VersionMeta,
} from '../../../workspace/docs/history-model.js';
import { useVersions } from './use-versions.js';
import { versionDiff, type DiffPart } from './version-diff.js';

const when = (at: number) => new Date(at).toLocaleString();

/**
 * Version history of one doc (its `<id>:history` room): save a named version,
 * list the automatic ones (use-auto-versions.ts), view one beside the current text
 * with a word diff, and restore it as a new change.
 */
export function HistoryPanel(props: {
  live: Y.Doc;
  history: RoomHandle;
  readOnly: boolean;
  author: () => Omit<VersionMeta, 'id' | 'at' | 'name'>;
}) {
  const versions = useVersions(props.history.doc);
  const [name, setName] = createSignal('');
  const [viewing, setViewing] = createSignal<Version | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const meta = (versionName: string | null): VersionMeta => ({
    id: crypto.randomUUID(),
    at: Date.now(),
    name: versionName,
    ...props.author(),
  });
  const save = () => {
    if (!props.history.loaded()) {
      setError('The history is still loading.');
      return;
    }
    takeVersion(props.history.doc, props.live, meta(name().trim() || null), false);
    setName('');
    setError(null);
  };
  const restore = (version: Version) => {
    restoreVersion(props.history.doc, props.live, version, meta(null));
    setViewing(null);
  };

  return (
    <section class="doc-side card stack" aria-labelledby="history-title">
      <h2 id="history-title">Version history</h2>
      <Show when={!props.readOnly}>
        <form
          class="row"
          aria-label="Save a version"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <input
            class="input"
            aria-label="Version name"
            placeholder="Version name (optional)"
            maxLength={100}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit" class="button button-small">
            Save version
          </button>
        </form>
      </Show>
      <FormError message={error()} />
      <ol class="item-list" aria-label="Versions">
        <For each={versions()} fallback={<li class="muted">No versions yet.</li>}>
          {(version) => (
            <li class="item version" data-version-name={version.name ?? ''}>
              <span class="item-title">
                {version.name ?? (version.auto ? 'Automatic version' : 'Saved version')}
              </span>
              <span class="muted small">
                {version.authorName} · {when(version.at)}
              </span>
              <div class="row">
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => setViewing(version)}
                >
                  View {version.name ?? 'version'}
                </button>
                <Show when={!props.readOnly}>
                  <button
                    type="button"
                    class="button button-small"
                    onClick={() => restore(version)}
                  >
                    Restore {version.name ?? 'version'}
                  </button>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ol>
      <Show when={viewing()}>
        {(version) => (
          <VersionView
            version={version()}
            previous={versions()[versions().findIndex((v) => v.id === version().id) + 1] ?? null}
            live={props.live}
            onClose={() => setViewing(null)}
          />
        )}
      </Show>
    </section>
  );
}

function versionJson(version: Version) {
  const doc = versionDoc(version);
  const json = readDocJson(doc);
  doc.destroy();
  return json;
}

function DiffText(props: { label: string; parts: DiffPart[] }) {
  return (
    <p class="version-diff" aria-label={props.label}>
      <For each={props.parts}>
        {(part) =>
          part.kind === 'added' ? (
            <ins>{part.text}</ins>
          ) : part.kind === 'removed' ? (
            <del>{part.text}</del>
          ) : (
            <span>{part.text}</span>
          )
        }
      </For>
    </p>
  );
}

function VersionView(props: {
  version: Version;
  /** The version before it, to show what its author changed. */
  previous: Version | null;
  live: Y.Doc;
  onClose: () => void;
}) {
  const old = createMemo(() => versionJson(props.version));
  const made = createMemo(() =>
    props.previous ? versionDiff(jsonText(versionJson(props.previous)), jsonText(old())) : null,
  );
  // Re-read when the live doc changes while the comparison is open.
  const now = fromYjs(props.live, () => readDocJson(props.live));
  const diff = createMemo(() => versionDiff(jsonText(old()), jsonText(now())));
  const html = (json: ReturnType<typeof readDocJson>) => generateHTML(json, docExtensions());

  return (
    <section class="version-view stack" aria-label="Compare version">
      <div class="row-between">
        <h3>
          {props.version.name ?? 'Automatic version'} by {props.version.authorName}
        </h3>
        <button type="button" class="button button-small" onClick={() => props.onClose()}>
          Close comparison
        </button>
      </div>
      <div class="side-by-side">
        <article aria-label="This version" class="doc-preview" innerHTML={html(old())} />
        <article aria-label="Current text" class="doc-preview" innerHTML={html(now())} />
      </div>
      <Show when={made()}>
        {(parts) => (
          <>
            <h4>Changed in this version by {props.version.authorName}</h4>
            <DiffText label="Changed in this version" parts={parts()} />
          </>
        )}
      </Show>
      <h4>Changes since this version</h4>
      <DiffText label="Changes since this version" parts={diff()} />
    </section>
  );
}
