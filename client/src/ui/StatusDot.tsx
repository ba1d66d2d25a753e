/** A coloured dot; decorative, so the text beside it must say the same thing. */
export function StatusDot(props: { tone: 'ok' | 'busy' | 'warn' | 'bad' }) {
  return <span class={`status-dot status-dot-${props.tone}`} aria-hidden="true" />;
}
