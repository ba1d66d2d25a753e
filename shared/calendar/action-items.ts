/**
 * Action items and decisions read from meeting notes by simple line rules
 * ([CAL72]–[CAL74]). The on-device summarizer writes the summary's prose, but a small
 * model's text cannot be trusted to keep who does what by when, so the items that
 * become tasks come from what people typed: "TODO …", "- [ ] …", "Action: …",
 * "@name will …", with an optional due phrase ("by Friday", "due 2026-12-03").
 */
import { addCalendarDays, CalendarDate } from '../model/time/calendar-date.js';

export interface ActionItem {
  /** The line as written (without its list bullet). */
  readonly line: string;
  /** What to do: the line without its marker, the @name lead-in and the due phrase. */
  readonly title: string;
  /** The first @name on the line (without '@'), to match against people; null if none. */
  readonly mention: string | null;
  /** 'YYYY-MM-DD', counted from the meeting's date; null if the line names no day. */
  readonly due: string | null;
}

export interface NotesOutline {
  readonly actions: ActionItem[];
  readonly decisions: string[];
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const BULLET = /^(?:[-*•]|\d+[.)])\s+(?!\[)/;
const CHECKBOX = /^(?:[-*]\s*)?\[( |x|X)\]\s*/;
const MARKER = /^(?:todo|action(?: item)?)\b\s*[:\-–]?\s*/i;
const DECISION = /^(?:decision|decided|agreed)\b\s*[:\-–]?\s*/i;
const MENTION = /@([\p{L}\p{N}][\p{L}\p{N}._-]*)/u;
const LEAD_IN = /^@[\p{L}\p{N}][\p{L}\p{N}._-]*\s*(?:will|to|:|-|–)\s*/iu;
const DAY_WORD = `today|tomorrow|${WEEKDAYS.join('|')}|\\d{4}-\\d{2}-\\d{2}`;
const DUE = new RegExp(
  `[,;]?\\s*\\b(?:by|due|before|on)\\s+(?:next\\s+)?(${DAY_WORD})\\b\\.?`,
  'i',
);

/** ISO weekday (1 = Monday) of a 'YYYY-MM-DD' date. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The date a due word means, seen from the meeting on `meetingDate`: a weekday is the
 * next such day after the meeting (said on a Friday, "by Friday" is a week later).
 */
export function dueDate(word: string, meetingDate: string): string | null {
  const lower = word.toLowerCase();
  if (lower === 'today') return meetingDate;
  if (lower === 'tomorrow') return addCalendarDays(meetingDate, 1);
  if (/^\d{4}-\d{2}-\d{2}$/.test(lower))
    return CalendarDate.safeParse(lower).success ? lower : null;
  const target = WEEKDAYS.indexOf(lower) + 1;
  if (target === 0) return null;
  const ahead = (target - isoWeekday(meetingDate) + 7) % 7 || 7;
  return addCalendarDays(meetingDate, ahead);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The action item a line holds, or null. `line` is one paragraph or list item of the notes. */
export function actionItemOf(raw: string, meetingDate: string): ActionItem | null {
  const line = raw.trim().replace(BULLET, '');
  let body: string;
  const box = CHECKBOX.exec(line);
  if (box) {
    if (box[1] !== ' ') return null; // ticked off in the meeting: nothing left to do
    body = line.slice(box[0].length);
  } else if (MARKER.test(line)) body = line.replace(MARKER, '');
  else if (LEAD_IN.test(line)) body = line;
  else return null;
  const mention = MENTION.exec(body)?.[1] ?? null;
  const due = DUE.exec(body);
  let title = body.replace(LEAD_IN, '');
  if (due) title = title.replace(DUE, '');
  title = capitalised(
    title
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.;,]$/, ''),
  );
  if (title === '') return null;
  return {
    line,
    title,
    mention,
    due: due?.[1] ? dueDate(due[1], meetingDate) : null,
  };
}

/** Action items and decisions of the notes' lines, in the order written. */
export function outlineNotes(lines: readonly string[], meetingDate: string): NotesOutline {
  const actions: ActionItem[] = [];
  const decisions: string[] = [];
  for (const raw of lines) {
    const line = raw.trim().replace(BULLET, '');
    if (DECISION.test(line)) {
      const decision = line.replace(DECISION, '').trim();
      if (decision !== '') decisions.push(capitalised(decision));
      continue;
    }
    const action = actionItemOf(line, meetingDate);
    if (action) actions.push(action);
  }
  return { actions, decisions };
}

export interface NamedPerson {
  readonly id: string;
  readonly name: string;
}

const squash = (text: string) => text.toLowerCase().replace(/[\s._-]+/g, '');

/**
 * The person an @name means: the id, the whole name without spaces, or a unique
 * first name, looked up among the attendees first, then everyone. Null when nobody
 * or more than one person fits (the person then picks in the task form).
 */
export function matchPerson(
  mention: string,
  attendees: readonly NamedPerson[],
  everyone: readonly NamedPerson[],
): string | null {
  const wanted = squash(mention);
  for (const people of [attendees, everyone]) {
    const exact = people.filter((p) => p.id === mention || squash(p.name) === wanted);
    if (exact.length === 1) return exact[0]!.id;
    const first = people.filter((p) => squash(p.name.split(/\s+/)[0] ?? '') === wanted);
    if (first.length === 1) return first[0]!.id;
    if (exact.length + first.length > 1) return null;
  }
  return null;
}
