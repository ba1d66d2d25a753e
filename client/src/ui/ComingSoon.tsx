import { For } from 'solid-js';

/** A page for a feature that is planned but not built yet. */
export function ComingSoon(props: { title: string; summary: string; planned: readonly string[] }) {
  return (
    <div class="page stack">
      <header class="page-header">
        <h1>{props.title}</h1>
        <p class="muted">{props.summary}</p>
      </header>
      <section class="card stack" aria-labelledby="coming-title">
        <h2 id="coming-title">Coming next</h2>
        <ul class="plain-list">
          <For each={props.planned}>{(item) => <li>{item}</li>}</For>
        </ul>
      </section>
    </div>
  );
}
