import type { AnswerValue } from '../../../workspace/calendar/index.js';

export const ANSWER_LABEL: Record<AnswerValue, string> = { yes: 'Yes', no: 'No', maybe: 'Maybe' };
