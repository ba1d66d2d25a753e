import type { JSX } from 'solid-js';
import { useAi } from '../features/ai/ai-context.js';
import { transcribeService } from '../features/ai/transcribe-service.js';
import type { CreateTaskProps, SummaryPanelProps } from '../workspace/slots.js';
import { SlotsProvider, type Slots } from '../workspace/slots.js';
import { Skeleton } from '../ui/States.js';
import { lazyView } from './lazy-view.js';

// Loaded when first opened: the summarizer and the task form are not first-screen code [LOAD1].
const SummaryPanel = lazyView<SummaryPanelProps>(
  async () => (await import('../features/ai/AiSummaryPanel.js')).AiSummaryPanel,
  () => <Skeleton label="summary" />,
);
const CreateTaskDialog = lazyView<CreateTaskProps>(
  async () => (await import('../features/tasks/CreateTaskDialog.js')).CreateTaskDialog,
  () => null,
);

/** Fills the workspace slots with the features that own them (needs an AiProvider above). */
export function FeatureSlots(props: { children: JSX.Element }) {
  const ai = useAi();
  const slots: Slots = {
    summaryEnabled: (feature) => ai.enabled(feature),
    SummaryPanel,
    CreateTaskDialog,
    async embed(texts) {
      if (!ai.enabled('semanticSearch') || !ai.modelFor('embedder')) return null;
      // A model that fails to start leaves the caller with its rules, not an error.
      return (await ai.embed(texts).catch(() => null))?.vectors ?? null;
    },
    deviceAi: {
      summarize: (text) => ai.summarize(text),
      transcribe: transcribeService(ai),
      speechModel: () => ai.modelFor('transcriber') !== null,
    },
  };
  return <SlotsProvider slots={slots}>{props.children}</SlotsProvider>;
}
