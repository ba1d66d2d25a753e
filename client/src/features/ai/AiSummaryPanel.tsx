import { createResource, createSignal, Show, untrack } from 'solid-js';
import type { SummaryPanelProps } from '../../workspace/slots.js';
import { useAi } from './ai-context.js';
import { ModelProgress } from './ModelProgress.js';
import { summarizeSources, type SourcesSummary } from './summarize-sources.js';
import { SummaryView } from './SummaryView.js';
import './ai.css';

/**
 * The summary panel chat and docs embed through the workspace slots (Catch me up,
 * Doc TL;DR). It summarizes when opened, when `input`
 * changes (another range) and on "Summarize again"; not on every new message, which
 * would restart the model while someone reads.
 */
export function AiSummaryPanel(props: SummaryPanelProps) {
  const ai = useAi();
  const [runs, setRuns] = createSignal(0);
  const summarizer = () => ai.modelFor('summarizer');
  const [summary] = createResource(
    () => ({ input: props.input ?? '', run: runs() }),
    async (): Promise<SourcesSummary> => {
      const sources = untrack(props.sources);
      const model = untrack(summarizer);
      const result = await summarizeSources(
        sources,
        model ? { modelName: () => model.name, summarize: (text) => ai.summarize(text) } : null,
      );
      if (result.method === 'extractive' && !result.notice) {
        const state = model ? ai.state(model.name) : null;
        result.notice =
          state?.status === 'failed'
            ? state.message
            : ai.models().some((m) => m.role === 'summarizer')
              ? 'The summarization model is switched off in Settings → AI.'
              : 'No summarization model is installed on the relay (Settings → AI).';
      }
      return result;
    },
  );
  return (
    <section class="card stack ai-panel" aria-label={props.title} aria-busy={summary.loading}>
      <div class="row-between">
        <h2>{props.title}</h2>
        <div class="row">
          <button
            type="button"
            class="button button-small"
            disabled={summary.loading}
            onClick={() => setRuns((n) => n + 1)}
          >
            Summarize again
          </button>
          <button type="button" class="button button-small" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
      </div>
      {props.controls}
      <Show when={!ai.enabled(props.feature)}>
        <p class="notice">This summary is switched off in Settings → AI.</p>
      </Show>
      <Show when={ai.enabled(props.feature)}>
        <Show when={summarizer()}>
          {(model) => <ModelProgress model={model()} state={ai.state(model().name)} />}
        </Show>
        <Show when={summary.loading}>
          <p class="muted" role="status">
            Summarizing on this device…
          </p>
        </Show>
        <Show when={summary.state === 'errored'}>
          <p class="form-error" role="alert">
            The summary failed: {String(summary.error as unknown)}
          </p>
        </Show>
        <Show when={summary.state === 'ready' && summary()}>
          {(result) => <SummaryView summary={result()} links={props.links} empty={props.empty} />}
        </Show>
      </Show>
    </section>
  );
}
