import { createMemo, createSignal, For, Index, onMount, Show } from 'solid-js';
import { addCalendarDays } from '../../../../../shared/model/time/calendar-date.js';
import { showOccurrence, type Occurrence } from '../../../workspace/calendar/index.js';
import { clock, longDate, minutesOf, shortDay } from './format.js';
import { overlapColumns, type PlacedBlock } from './layout.js';
import { createDrag } from './use-drag.js';
import { occurrenceKey, onDate, shiftTime, timeLabel, type ViewProps } from './view-props.js';

const PX_PER_MINUTE = 0.8;
const DAY_MINUTES = 24 * 60;
const CURSOR_STEP = 30;

/** The blocks of timed occurrences on `date`, clipped to that day, side by side when they overlap. */
function blocksOn(occurrences: readonly Occurrence[], date: string, zone: string) {
  const timed = onDate(occurrences, date, zone).flatMap((o) => {
    const shown = showOccurrence(o, zone);
    if (shown.kind === 'allDay') return [];
    const top = shown.startDate === date ? minutesOf(shown.startTime) : 0;
    const bottom = shown.endDate === date ? minutesOf(shown.endTime) : DAY_MINUTES;
    return [{ item: o, top, bottom }];
  });
  return overlapColumns(timed);
}

/**
 * Day and week views [CAL32]: all-day events in a row on top, timed ones placed by
 * time (side by side when they overlap). The grid is keyboard-operable: arrows move
 * a slot cursor, Enter or N creates an event there; on an event, Alt+arrows move it
 * by 15 minutes or a day and Alt+Shift+Up/Down change its end.
 */
export function TimeGrid(props: ViewProps) {
  let scroller!: HTMLDivElement;
  const columns: HTMLElement[] = [];
  const [cursor, setCursor] = createSignal({
    day: Math.max(0, props.days.indexOf(props.today)),
    minute: 9 * 60,
  });
  const drag = createDrag({
    pxPerMinute: PX_PER_MINUTE,
    columnAt: (x) => {
      const index = columns.findIndex((col) => {
        const rect = col.getBoundingClientRect();
        return x >= rect.left && x < rect.right;
      });
      if (index !== -1) return index;
      return x < (columns[0]?.getBoundingClientRect().left ?? 0) ? 0 : columns.length - 1;
    },
    onDrop: (o, days, minutes, resize) =>
      props.onMove(
        o,
        resize ? shiftTime(o.time, 0, minutes) : shiftTime(o.time, days * 1440 + minutes),
      ),
  });
  onMount(() => {
    scroller.scrollTop = 8 * 60 * PX_PER_MINUTE;
  });
  const allDay = createMemo(() =>
    props.days.map((date) =>
      onDate(props.occurrences, date, props.zone).filter((o) => o.time.kind === 'allDay'),
    ),
  );
  const blocks = createMemo(() =>
    props.days.map((date) => blocksOn(props.occurrences, date, props.zone)),
  );
  const cursorDate = () => props.days[cursor().day] ?? props.today;

  const gridKey = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    const { day, minute } = cursor();
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -CURSOR_STEP],
      ArrowDown: [0, CURSOR_STEP],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setCursor({
        day: Math.min(props.days.length - 1, Math.max(0, day + move[0])),
        minute: Math.min(DAY_MINUTES - CURSOR_STEP, Math.max(0, minute + move[1])),
      });
      scroller.scrollTop = Math.max(0, (cursor().minute - 120) * PX_PER_MINUTE);
    } else if ((e.key === 'Enter' || e.key.toLowerCase() === 'n') && !props.readOnly) {
      e.preventDefault();
      props.onCreate(`${cursorDate()}T${clock(minute)}`, false);
    }
  };
  const eventKey = (e: KeyboardEvent, o: Occurrence) => {
    if (!e.altKey || props.readOnly) return;
    const step: Record<string, number> = {
      ArrowUp: -15,
      ArrowDown: 15,
      ArrowLeft: -1440,
      ArrowRight: 1440,
    };
    const minutes = step[e.key];
    if (minutes === undefined) return;
    e.preventDefault();
    if (e.shiftKey && Math.abs(minutes) === 15) props.onMove(o, shiftTime(o.time, 0, minutes));
    else if (!e.shiftKey) props.onMove(o, shiftTime(o.time, minutes));
  };
  const createAt = (e: MouseEvent, date: string) => {
    if (props.readOnly || e.target !== e.currentTarget) return;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const minute = Math.floor((e.clientY - rect.top) / PX_PER_MINUTE / CURSOR_STEP) * CURSOR_STEP;
    props.onCreate(`${date}T${clock(minute)}`, false);
  };

  const EventBlock = (p: { block: PlacedBlock<Occurrence>; day: number }) => {
    const o = p.block.item;
    const dragged = () => (drag.state()?.key === occurrenceKey(o) ? drag.state() : null);
    const style = () => {
      const d = dragged();
      const height = Math.max(15, p.block.bottom - p.block.top + (d?.resize ? d.minutes : 0));
      const shiftY = d && !d.resize ? d.minutes * PX_PER_MINUTE : 0;
      const colour = props.colourOf?.(o);
      return {
        top: `${p.block.top * PX_PER_MINUTE}px`,
        height: `${height * PX_PER_MINUTE}px`,
        left: `${(p.block.column / p.block.columns) * 100}%`,
        width: `${100 / p.block.columns}%`,
        transform:
          d && !d.resize ? `translate(${d.days * 100 * p.block.columns}%, ${shiftY}px)` : undefined,
        ...(colour ? { '--cal-colour': colour } : {}),
      };
    };
    return (
      <button
        type="button"
        class="cal-event cal-event-timed"
        classList={{ 'cal-cancelled': o.cancelled, 'cal-dragging': dragged() !== null }}
        style={style()}
        aria-label={`${o.title}, ${timeLabel(o, props.zone)}${o.cancelled ? ', cancelled' : ''}`}
        onPointerDown={(e) => !props.readOnly && drag.start(e, o, p.day, false)}
        onClick={() => {
          if (!drag.suppressClick()) props.onOpen(o);
        }}
        onKeyDown={(e) => eventKey(e, o)}
      >
        <span class="cal-event-title">{o.title}</span>
        <span class="cal-event-time">{timeLabel(o, props.zone)}</span>
        <Show when={!props.readOnly}>
          <span
            class="cal-resize"
            aria-hidden="true"
            onPointerDown={(e) => {
              e.stopPropagation();
              drag.start(e, o, p.day, true);
            }}
          />
        </Show>
      </button>
    );
  };

  return (
    <div class="cal-timegrid" style={{ '--cal-days': String(props.days.length) }}>
      <div class="cal-head-row">
        <div class="cal-gutter" />
        <Index each={props.days}>
          {(date, i) => (
            <div class="cal-head-cell" classList={{ 'cal-today': date() === props.today }}>
              <button type="button" class="cal-day-link" onClick={() => props.onShowDay(date())}>
                {shortDay(date())}
              </button>
              <For each={allDay()[i]}>
                {(o) => (
                  <button
                    type="button"
                    class="cal-event cal-event-allday"
                    classList={{ 'cal-cancelled': o.cancelled }}
                    style={props.colourOf?.(o) ? { '--cal-colour': props.colourOf(o) } : {}}
                    aria-label={`${o.title}, all day`}
                    onClick={() => props.onOpen(o)}
                    onKeyDown={(e) => eventKey(e, o)}
                  >
                    {o.title}
                  </button>
                )}
              </For>
            </div>
          )}
        </Index>
      </div>
      <div class="cal-scroll" ref={scroller}>
        <div
          class="cal-body"
          role="group"
          tabindex="0"
          aria-label="Time slots: arrow keys move, N or Enter creates an event"
          onKeyDown={gridKey}
          style={{ height: `${DAY_MINUTES * PX_PER_MINUTE}px` }}
        >
          <div class="cal-hours" aria-hidden="true">
            <For each={Array.from({ length: 24 }, (_, h) => h)}>
              {(h) => <span style={{ top: `${h * 60 * PX_PER_MINUTE}px` }}>{clock(h * 60)}</span>}
            </For>
          </div>
          <Index each={props.days}>
            {(date, i) => (
              <div
                class="cal-day-col"
                classList={{ 'cal-today': date() === props.today }}
                ref={(el) => (columns[i] = el)}
                data-date={date()}
                onClick={(e) => createAt(e, date())}
              >
                <Show when={cursor().day === i}>
                  <div
                    class="cal-cursor"
                    aria-hidden="true"
                    style={{
                      top: `${cursor().minute * PX_PER_MINUTE}px`,
                      height: `${CURSOR_STEP * PX_PER_MINUTE}px`,
                    }}
                  />
                </Show>
                <For each={blocks()[i]}>{(block) => <EventBlock block={block} day={i} />}</For>
              </div>
            )}
          </Index>
        </div>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {`${longDate(cursorDate())} ${clock(cursor().minute)}`}
      </p>
    </div>
  );
}

export const nextDays = (from: string, days: number) =>
  Array.from({ length: days }, (_, i) => addCalendarDays(from, i));
