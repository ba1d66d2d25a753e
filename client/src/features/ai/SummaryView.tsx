import { For, Show } from 'solid-js';
import type { SourceLinks } from '../../workspace/summaries/source-text.js';
import type { SummarySentence } from './model/index.js';
import type { SourcesSummary } from './summarize-sources.js';

function Sentences(props: { title: string; items: SummarySentence[]; links: SourceLinks }) {
  return (
    <Show when={props.items.length > 0}>
      <section class="ai-section" aria-label={props.title}>
        <h3>{props.title}</h3>
        <ul class="plain-list stack">
          <For each={props.items}>
            {(sentence) => (
              <li class="ai-sentence">
                <span>{sentence.text}</span>{' '}
                <For each={sentence.sourceIds}>
                  {(id, i) => (
                    <a
                      class="ai-source"
                      href={props.links.hrefOf(id)}
                      aria-label={`Source ${i() + 1}: ${props.links.labelOf(id)}`}
                      title={props.links.labelOf(id)}
                      data-source-id={id}
                      onClick={(event) => props.links.onOpen?.(id, event)}
                    >
                      [{i() + 1}]
                    </a>
                  )}
                </For>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

/** A summary with its sections; every sentence links to the messages it came from. */
export function SummaryView(props: { summary: SourcesSummary; links: SourceLinks; empty: string }) {
  const nothing = () =>
    props.summary.abstract.length +
      props.summary.keyPoints.length +
      props.summary.decisions.length +
      props.summary.openQuestions.length ===
    0;
  return (
    <div class="stack ai-summary" data-method={props.summary.method}>
      <Show when={!nothing()} fallback={<p class="muted">{props.empty}</p>}>
        <Sentences title="Summary" items={props.summary.abstract} links={props.links} />
        <Sentences title="Decisions" items={props.summary.decisions} links={props.links} />
        <Sentences title="Open questions" items={props.summary.openQuestions} links={props.links} />
        <Show when={props.summary.method === 'extractive'}>
          <Sentences title="Key points" items={props.summary.keyPoints} links={props.links} />
        </Show>
      </Show>
      <p class="muted small ai-method">
        <Show
          when={props.summary.method === 'model'}
          fallback={
            <>
              Picked from the text on this device by the built-in extractive method.
              {props.summary.notice ? ` ${props.summary.notice}` : ''}
            </>
          }
        >
          Written on this device by {props.summary.model}; nothing left this device.
        </Show>
      </p>
    </div>
  );
}
