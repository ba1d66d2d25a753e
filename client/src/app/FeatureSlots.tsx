import type { JSX } from 'solid-js';
import { useAi } from '../features/ai/ai-context.js';
import { AiSummaryPanel } from '../features/ai/AiSummaryPanel.js';
import { CreateTaskDialog } from '../features/tasks/CreateTaskDialog.js';
import { SlotsProvider, type Slots } from '../workspace/slots.js';

/** Fills the workspace slots with the features that own them (needs an AiProvider above). */
export function FeatureSlots(props: { children: JSX.Element }) {
  const ai = useAi();
  const slots: Slots = {
    summaryEnabled: (feature) => ai.enabled(feature),
    SummaryPanel: AiSummaryPanel,
    CreateTaskDialog,
  };
  return <SlotsProvider slots={slots}>{props.children}</SlotsProvider>;
}
