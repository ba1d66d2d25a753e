/**
 * What kind of sentence a summary line is, from surface cues (no model):
 * - a decision: "we agreed", "decided", "let's go with", "approved", "final:",
 *   "we will", "ship it", "signed off", "settled on", "going forward"...;
 * - a question: ends with '?', or opens like one ("should we", "any idea",
 *   "does anyone", "who can"...), with at least MIN_TERMS content terms (shorter
 *   ones, "lunch?", "pizza friday??", are banter and count as noise);
 * - noise: laughter, emoji-only, thanks and acknowledgements, or fewer than
 *   MIN_TERMS content terms. Noise never becomes a key point.
 */
import { terms } from './terms.js';

export type SentenceKind = 'decision' | 'question' | 'noise' | 'statement';

/** Sentences with fewer content terms say too little to be a key point. */
export const MIN_TERMS = 3;

const DECISION =
  /\b(?:we(?: have|'ve)? (?:all )?(?:agreed|decided)|(?:it's |is )?decided|decision(?: is|:)|let's go with|let's do|going with|go with option|approved|final(?: decision)?:|we will|we'll (?!see|talk|check|figure)|ship it|signed off|settled on|going forward|agreed(?: on| that|:)|the plan is|conclusion:)/i;
const QUESTION_START =
  /^(?:should we|shall we|any ideas?|anyone know|does anyone|do we|can we|could we|who (?:can|will|owns|is)|what about|how (?:do|should|can) we|is there|are we|why do|why did|when (?:do|will|can|should)|where (?:do|should|is))\b/i;
const LAUGHTER = /\b(?:lol|lmao|rofl|haha\w*|hehe\w*|jk)\b|[😂🤣😅😆]/iu;
const FILLER = String.raw`[\s\p{P}\p{S}\p{Extended_Pictographic}\p{Emoji_Component}]*`;
const ACKNOWLEDGEMENT = new RegExp(
  String.raw`^(?:thanks?|thank you|thx|ty|ok(?:ay)?|k|cool|nice|great|awesome|sure|yep|yes|no|np|\+1|lgtm|sounds good|got it|will do|on it|done|same|agreed|(?:good )?morning|hi|hello|hey)\b` +
    `${FILLER}(?:all|team|everyone|folks|guys)?${FILLER}$`,
  'iu',
);

/** A question with at least MIN_TERMS content terms ("lunch?" and "pizza friday??" are banter). */
export function isQuestion(text: string): boolean {
  const asks =
    new RegExp(String.raw`\?${FILLER}$`, 'u').test(text) || QUESTION_START.test(text.trim());
  return asks && new Set(terms(text)).size >= MIN_TERMS;
}

export function isDecision(text: string): boolean {
  return DECISION.test(text.replace(/’/g, "'"));
}

export function isNoise(text: string): boolean {
  const t = text.trim();
  return LAUGHTER.test(t) || ACKNOWLEDGEMENT.test(t) || new Set(terms(t)).size < MIN_TERMS;
}

/** Questions win over decisions ("should we go with X?" decides nothing). */
export function classify(text: string): SentenceKind {
  if (isQuestion(text)) return 'question';
  if (LAUGHTER.test(text)) return 'noise';
  if (isDecision(text)) return 'decision';
  return isNoise(text) ? 'noise' : 'statement';
}
