import {
  createContext,
  createResource,
  createSignal,
  onCleanup,
  useContext,
  type Accessor,
  type JSX,
} from 'solid-js';
import { createStore } from 'solid-js/store';
import { z } from 'zod';
import { ModelInfo, type ModelRole } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { readAiSettings, writeAiSettings, type AiFeature, type AiSettings } from './ai-settings.js';
import { decodeRecording } from './decode-audio.js';
import { AiError, AiWorkerClient } from './worker-client.js';
import type { ModelRef } from './worker/protocol.js';

/** A model on this device: not fetched yet, downloading (bytes), ready, or failed. */
export type ModelState =
  | { status: 'idle' }
  | { status: 'loading'; loaded: number; total: number }
  | { status: 'ready'; device: string }
  | { status: 'failed'; message: string };

export interface AiServices {
  settings: Accessor<AiSettings>;
  setFeature(feature: AiFeature, on: boolean): void;
  setUseModel(role: ModelRole, on: boolean): void;
  enabled(feature: AiFeature): boolean;
  /** The models the relay offers (the last list kept on the device when offline). */
  models: Accessor<readonly ModelInfo[]>;
  refreshModels(): void;
  /** The model used for a role: the first installed one, unless switched off in Settings. */
  modelFor(role: ModelRole): ModelInfo | null;
  state(name: string): ModelState;
  /** Downloads (or reads from the browser cache) and starts a model; progress in state(). */
  load(model: ModelInfo): Promise<boolean>;
  /** The summarizer's text for `text`, or null when no summarizer is installed or enabled. */
  summarize(text: string, maxNewTokens?: number): Promise<string | null>;
  /** Embeddings (unit vectors) for texts, or null when no embedder is installed or enabled. */
  embed(texts: string[]): Promise<{ model: string; vectors: Float32Array[] } | null>;
  /**
   * The text of a recording, transcribed on this device. `no-model` when no transcriber
   * is installed or enabled (the caller shows "no transcript, notes only"); the audio
   * is never sent anywhere. Throws AudioDecodeError for a file that is not audio, and
   * AiError when the model fails. `onStep` counts the 30-second windows done. A
   * Float32Array (16 kHz mono) is transferred to the worker, so the caller's copy is
   * emptied.
   */
  transcribe(
    recording: Blob | Float32Array,
    onStep?: (done: number, total: number) => void,
  ): Promise<Transcription>;
}

export type Transcription =
  { status: 'no-model' } | { status: 'done'; model: string; text: string };

const AiContext = createContext<AiServices>();
const MODELS_CACHE = 'ai.models';

function cachedModels(): ModelInfo[] {
  try {
    const parsed = z
      .array(ModelInfo)
      .safeParse(JSON.parse(localStorage.getItem(MODELS_CACHE) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const refOf = (m: ModelInfo): ModelRef => ({ name: m.name, role: m.role, dtype: m.dtype });

export function AiProvider(props: { children: JSX.Element; spawnWorker?: () => Worker }) {
  const api = useApi();
  const [settings, setSettings] = createSignal(readAiSettings(localStorage));
  const save = (next: AiSettings) => {
    setSettings(next);
    writeAiSettings(localStorage, next);
  };
  const [models, { refetch }] = createResource(
    async () => {
      try {
        const list = await api.models();
        localStorage.setItem(MODELS_CACHE, JSON.stringify(list));
        return list;
      } catch {
        return cachedModels(); // offline: the models this device already knows
      }
    },
    { initialValue: cachedModels() },
  );
  const [states, setStates] = createStore<Record<string, ModelState>>({});
  const worker = new AiWorkerClient(
    props.spawnWorker ??
      (() =>
        new Worker(new URL('./worker/ai.worker.ts', import.meta.url), {
          type: 'module',
          name: 'ai',
        })),
  );
  onCleanup(() => worker.terminate());

  const modelFor = (role: ModelRole) =>
    settings().useModels[role] ? (models().find((m) => m.role === role) ?? null) : null;

  const load = async (model: ModelInfo): Promise<boolean> => {
    const current = states[model.name];
    if (current?.status === 'ready') return true;
    const files = new Map<string, { loaded: number; total: number }>();
    setStates(model.name, { status: 'loading', loaded: 0, total: model.bytes });
    try {
      const result = await worker.load(refOf(model), (p) => {
        files.set(p.file, { loaded: p.loaded, total: p.total });
        const loaded = [...files.values()].reduce((sum, f) => sum + f.loaded, 0);
        setStates(model.name, {
          status: 'loading',
          loaded,
          total: Math.max(model.bytes, loaded),
        });
      });
      setStates(model.name, {
        status: 'ready',
        device: result.kind === 'loaded' ? result.device : 'wasm',
      });
      return true;
    } catch (error) {
      const message =
        error instanceof AiError && error.code === 'no-model'
          ? `${model.name} is listed by the relay but a file is missing: ask the operator to reinstall it.`
          : `${model.name} could not be started: ${error instanceof Error ? error.message : String(error)}`;
      setStates(model.name, { status: 'failed', message });
      return false;
    }
  };

  const services: AiServices = {
    settings,
    setFeature: (feature, on) =>
      save({ ...settings(), features: { ...settings().features, [feature]: on } }),
    setUseModel: (role, on) =>
      save({ ...settings(), useModels: { ...settings().useModels, [role]: on } }),
    enabled: (feature) => settings().features[feature],
    models: () => models() ?? [],
    refreshModels: () => void refetch(),
    modelFor,
    state: (name) => states[name] ?? { status: 'idle' },
    load,
    async summarize(text, maxNewTokens = 120) {
      const model = modelFor('summarizer');
      if (!model || !(await load(model))) return null;
      const result = await worker.request({
        type: 'summarize',
        model: refOf(model),
        text,
        maxNewTokens,
      });
      return result.kind === 'summary' ? result.text : null;
    },
    async embed(texts) {
      const model = modelFor('embedder');
      if (!model || !(await load(model))) return null;
      const result = await worker.request({ type: 'embed', model: refOf(model), texts });
      return result.kind === 'embeddings' ? { model: model.name, vectors: result.vectors } : null;
    },
    async transcribe(recording, onStep) {
      const model = modelFor('transcriber');
      if (!model) return { status: 'no-model' };
      const audio =
        recording instanceof Float32Array ? recording : await decodeRecording(recording);
      if (!(await load(model))) {
        const state = states[model.name];
        throw new AiError('load-failed', state?.status === 'failed' ? state.message : model.name);
      }
      const result = await worker.request(
        { type: 'transcribe', model: refOf(model), audio },
        onStep ? { onStep } : {},
        [audio.buffer],
      );
      return {
        status: 'done',
        model: model.name,
        text: result.kind === 'transcript' ? result.text : '',
      };
    },
  };
  return <AiContext.Provider value={services}>{props.children}</AiContext.Provider>;
}

export function useAi(): AiServices {
  const services = useContext(AiContext);
  if (!services) throw new Error('useAi() outside <AiProvider>');
  return services;
}
