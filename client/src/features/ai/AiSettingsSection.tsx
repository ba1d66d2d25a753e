import { For, Show } from 'solid-js';
import { ModelRole, type ModelInfo } from '../../../../shared/api/schemas.js';
import { useAi, type ModelState } from './ai-context.js';
import { AiFeature, FEATURE_LABELS } from './ai-settings.js';
import { formatBytes, ModelProgress } from './ModelProgress.js';
import { TranscribeRecording } from './TranscribeRecording.js';
import './ai.css';

const ROLE_TEXT: Record<ModelRole, { title: string; does: string; without: string }> = {
  summarizer: {
    title: 'Summarizer',
    does: 'Writes Catch me up, Doc TL;DR and briefing summaries',
    without: 'the built-in extractive method picks the key sentences',
  },
  embedder: {
    title: 'Embedder',
    does: 'Finds chat, docs and tasks by meaning in Search',
    without: 'search matches words only',
  },
  transcriber: {
    title: 'Speech to text',
    does: 'Transcribes meeting recordings on this device',
    without: 'recordings get no transcript (notes only)',
  },
};

function stateText(state: ModelState): string {
  if (state.status === 'ready')
    return `Ready on this device (${state.device === 'webgpu' ? 'WebGPU' : 'WebAssembly'})`;
  if (state.status === 'loading') return 'Downloading';
  if (state.status === 'failed') return 'Could not start';
  return 'Downloads on first use';
}

function ModelRow(props: { model: ModelInfo }) {
  const ai = useAi();
  const role = () => ROLE_TEXT[props.model.role];
  const state = () => ai.state(props.model.name);
  return (
    <li class="item stack" data-testid="ai-model">
      <div class="row-between">
        <div>
          <p class="item-title">
            {role().title}: {props.model.name}
          </p>
          <p class="muted small">
            {role().does}. {formatBytes(props.model.bytes)}, {props.model.dtype}. From{' '}
            {props.model.source ?? 'the operator (source not recorded)'}.
          </p>
          <p class="small">{stateText(state())}</p>
        </div>
        <div class="row">
          <label class="check">
            <input
              type="checkbox"
              checked={ai.settings().useModels[props.model.role]}
              onChange={(e) => ai.setUseModel(props.model.role, e.currentTarget.checked)}
            />
            Use it
          </label>
          <Show when={state().status === 'idle' || state().status === 'failed'}>
            <button
              type="button"
              class="button button-small"
              onClick={() => void ai.load(props.model)}
            >
              Download now
            </button>
          </Show>
        </div>
      </div>
      <ModelProgress model={props.model} state={state()} />
    </li>
  );
}

/** Settings → AI: a switch per feature, and which model does what, its size and origin. */
export function AiSettingsSection() {
  const ai = useAi();
  const missing = () => ModelRole.options.filter((r) => !ai.models().some((m) => m.role === r));
  return (
    <section class="card stack" aria-labelledby="ai-settings-title">
      <h2 id="ai-settings-title">AI</h2>
      <p class="muted">
        AI runs in this browser. What it reads (messages, docs, tasks) never leaves this device;
        only the model files are downloaded, from this workspace's relay, and kept for offline use.
      </p>
      <fieldset class="fieldset stack">
        <legend>Features</legend>
        <For each={AiFeature.options}>
          {(feature) => (
            <label class="check">
              <input
                type="checkbox"
                checked={ai.settings().features[feature]}
                onChange={(e) => ai.setFeature(feature, e.currentTarget.checked)}
              />
              <span>
                {FEATURE_LABELS[feature].title}
                <span class="muted small"> — {FEATURE_LABELS[feature].detail}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <h3>Models</h3>
      <ul class="item-list">
        <For each={ai.models()}>{(model) => <ModelRow model={model} />}</For>
      </ul>
      <For each={missing()}>
        {(role) => (
          <p class="notice" data-testid="ai-no-model">
            No {role} model is installed on the relay, so {ROLE_TEXT[role].without}. The operator
            can add one (README, “On-device AI”).
          </p>
        )}
      </For>
      <TranscribeRecording />
    </section>
  );
}
