/**
 * Drag to move and drag the bottom edge to resize, with pointer events (mouse,
 * pen and touch alike). While dragging only a preview offset changes; the model
 * is written once, on release, snapped to 15 minutes.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { Occurrence } from '../../../workspace/calendar/index.js';
import { occurrenceKey } from './view-props.js';
import { snap } from './layout.js';

export interface DragState {
  readonly key: string;
  readonly days: number;
  readonly minutes: number;
  readonly resize: boolean;
}

/** Pixels the pointer must travel before a press becomes a drag (a click stays a click). */
const THRESHOLD_PX = 4;

export function createDrag(options: {
  pxPerMinute: number;
  /** Index of the day column under the page x coordinate. */
  columnAt: (x: number) => number;
  onDrop: (occurrence: Occurrence, days: number, minutes: number, resize: boolean) => void;
}): {
  state: Accessor<DragState | null>;
  start: (e: PointerEvent, o: Occurrence, day: number, resize: boolean) => void;
  suppressClick: () => boolean;
} {
  const [state, setState] = createSignal<DragState | null>(null);
  let moved = false;

  const start = (e: PointerEvent, occurrence: Occurrence, day: number, resize: boolean) => {
    if (e.button !== 0) return;
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const y0 = e.clientY;
    moved = false;
    const move = (ev: PointerEvent) => {
      if (!moved && Math.hypot(ev.clientX - x0, ev.clientY - y0) < THRESHOLD_PX) return;
      moved = true;
      const minutes = snap((ev.clientY - y0) / options.pxPerMinute);
      const days = resize ? 0 : options.columnAt(ev.clientX) - day;
      setState({ key: occurrenceKey(occurrence), days, minutes, resize });
    };
    const end = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', end);
      target.removeEventListener('pointercancel', cancel);
      const last = state();
      setState(null);
      if (moved && last && (last.days !== 0 || last.minutes !== 0))
        options.onDrop(occurrence, last.days, last.minutes, last.resize);
    };
    const cancel = () => {
      moved = false;
      end();
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', end);
    target.addEventListener('pointercancel', cancel);
  };
  // The click that follows a drag's release is not a request to open the event.
  const suppressClick = () => {
    const was = moved;
    moved = false;
    return was;
  };
  return { state, start, suppressClick };
}
