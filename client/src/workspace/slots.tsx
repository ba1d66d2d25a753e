/**
 * Parts one feature lends to others: chat and docs show a summary panel (the AI
 * feature's), a "Create task" dialog (the tasks feature's) and the on-device AI
 * without importing either. The app shell fills the slots (app/FeatureSlots.tsx); features read them
 * with useSlots().
 */
import { createContext, useContext, type Component, type JSX } from 'solid-js';
import type { SourceLinks, SourceText } from './summaries/source-text.js';
import type { Link } from './tasks/index.js';
import type { Transcribe } from './ai/use-transcription.js';

/** The summaries a person can switch off in Settings → AI. */
export type SummaryFeature = 'catchUp' | 'docSummary';

export interface SummaryPanelProps {
  title: string;
  feature: SummaryFeature;
  /** What to summarize; read when a summary starts. */
  sources: () => readonly SourceText[];
  /** Changing it starts a new summary (for example the chosen range). */
  input?: string;
  links: SourceLinks;
  empty: string;
  controls?: JSX.Element;
  onClose: () => void;
}

export interface CreateTaskProps {
  /** What the task was made from; the task links back to it. */
  source: Link;
  /** Its first line becomes the title. */
  text: string;
  /** Prefilled: the person to assign (a user id) and the due date ('YYYY-MM-DD'). */
  assignee?: string;
  due?: string;
  onClose: () => void;
}

/** The on-device AI as other features use it (meeting notes); nothing leaves the device. */
export interface DeviceAi {
  /** The summarizer's text, or null when no summarizer is installed or switched on. */
  summarize(text: string): Promise<string | null>;
  transcribe: Transcribe;
  /** Whether a speech model is installed and switched on (else: notes only). */
  speechModel(): boolean;
}

export interface Slots {
  /** Whether the person has a summary switched on. */
  summaryEnabled(feature: SummaryFeature): boolean;
  SummaryPanel: Component<SummaryPanelProps>;
  CreateTaskDialog: Component<CreateTaskProps>;
  /**
   * Unit vectors of `texts` from the on-device embedder (the AI feature's), or null
   * when none is installed or semantic search is off; the texts never leave the device.
   */
  embed(texts: string[]): Promise<Float32Array[] | null>;
  deviceAi: DeviceAi;
}

const SlotsContext = createContext<Slots>();

export function SlotsProvider(props: { slots: Slots; children: JSX.Element }) {
  return <SlotsContext.Provider value={props.slots}>{props.children}</SlotsContext.Provider>;
}

export function useSlots(): Slots {
  const slots = useContext(SlotsContext);
  if (!slots) throw new Error('useSlots needs a <SlotsProvider> above it');
  return slots;
}
