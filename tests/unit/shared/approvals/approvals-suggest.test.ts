import { describe, expect, it } from 'vitest';
import { readRequestText } from '../../../../shared/approvals/request-text.js';
import {
  amountWarning,
  decisionEstimate,
  prefillForm,
  rankWithMeaning,
  suggestTemplates,
  type PastRequest,
} from '../../../../shared/approvals/suggest.js';
import type { Template } from '../../../../shared/approvals/template.js';

// A Monday; "12 March" has passed this year, so it means next year's.
const TODAY = '2026-11-30';
const DAY = 86_400_000;
const read = (text: string) => readRequestText(text, TODAY);

const template = (id: string, name: string, fields: Template['fields']): Template => ({
  id,
  name,
  version: 1,
  fields,
  flow: [],
});
const taxi = template('taxi', 'Taxi and travel', [
  { id: 'amount', label: 'Amount', type: 'money', required: true, currencies: ['EUR', 'USD'] },
  { id: 'day', label: 'Date', type: 'date', required: false },
  { id: 'why', label: 'Reason', type: 'text', required: false },
]);
const hotel = template('hotel', 'Hotel stay', [
  { id: 'nights', label: 'Nights', type: 'dateRange', required: true },
  { id: 'cost', label: 'Cost', type: 'money', required: true, currencies: ['EUR'] },
  { id: 'note', label: 'Notes', type: 'longText', required: false },
]);
const laptop = template('laptop', 'Equipment', [
  {
    id: 'item',
    label: 'What',
    type: 'choice',
    required: true,
    multiple: false,
    options: ['Laptop', 'Monitor'],
  },
  { id: 'price', label: 'Price', type: 'money', required: true, currencies: ['EUR'] },
]);
const templates = [taxi, hotel, laptop];

/** Ann's own past requests: five taxis (four decided), one hotel. */
const past: PastRequest[] = [
  [20, 'to the airport', 3800, 2],
  [30, 'station cab', 4500, 1],
  [40, 'client visit', 3200, 3],
  [50, 'airport', 4100, 2],
  [60, 'late train home', 2900, null],
].map(([ago, text, cents, took], i) => ({
  requestId: `t${i}`,
  templateId: 'taxi',
  text: text as string,
  money: { amount: cents as number, currency: 'EUR' },
  submittedAt: Date.UTC(2026, 10, 30) - (ago as number) * DAY,
  decidedAt:
    took === null ? null : Date.UTC(2026, 10, 30) - (ago as number) * DAY + (took as number) * DAY,
}));
past.push({
  requestId: 'h1',
  templateId: 'hotel',
  text: 'fair in Milan',
  money: { amount: 32_000, currency: 'EUR' },
  submittedAt: Date.UTC(2026, 9, 1),
  decidedAt: Date.UTC(2026, 9, 4),
});

describe('[APPR72] reading a description and suggesting the template', () => {
  it('reads the amount, the days and the reason', () => {
    expect(read('taxi to the airport, 45 EUR, client visit')).toMatchObject({
      money: { amount: 4500, currency: 'EUR' },
      dates: [],
      reason: 'taxi to the airport, client visit',
    });
    expect(read('Hotel 12 March - 14 March, €320.50 for the fair')).toMatchObject({
      money: { amount: 32_050, currency: 'EUR' },
      dates: ['2027-03-12', '2027-03-14'],
      reason: 'Hotel, for the fair',
    });
    expect(read('cab tomorrow and back on Friday, 1.234,50 €').dates).toEqual([
      '2026-12-01',
      '2026-12-04',
    ]);
    expect(read('cab, 1.234,50 €').money).toEqual({ amount: 123_450, currency: 'EUR' });
    // A date's digits are not an amount; a number without a currency is none.
    expect(read('flight 2027-01-05 USD 1,234.50').money).toEqual({
      amount: 123_450,
      currency: 'USD',
    });
    expect(read('lunch for 45 with the team').money).toBeNull();
  });

  it('picks the template by its name, one’s past requests and its fields', () => {
    expect(suggestTemplates(read('taxi to the airport, 45 EUR'), templates, past).best).toBe(
      'taxi',
    );
    // "cab" is in no template, only in Ann's past taxi requests.
    expect(suggestTemplates(read('cab 30 EUR'), templates, past).best).toBe('taxi');
    expect(suggestTemplates(read('new monitor'), templates, past).best).toBe('laptop');
  });

  it('with no history it still matches names; ambiguous words offer a choice', () => {
    expect(suggestTemplates(read('cab 30 EUR'), templates, []).best).toBeNull();
    const both = suggestTemplates(read('travel and hotel'), templates, []);
    expect(both.best).toBeNull();
    expect(both.ranked.map((m) => m.templateId).sort()).toEqual(['hotel', 'taxi']);
    expect(suggestTemplates(read('zzz'), templates, past)).toEqual({ best: null, ranked: [] });
  });
});

describe('[APPR73] prefilling the form from the description', () => {
  it('fills the amount, the days and the reason into the fields that take them', () => {
    expect(prefillForm(taxi, read('taxi tomorrow, 45 EUR, client visit'))).toEqual({
      amount: { amount: 4500, currency: 'EUR' },
      day: '2026-12-01',
      why: 'taxi, client visit',
    });
    expect(prefillForm(hotel, read('hotel 14 March to 12 March, 300 EUR'))).toEqual({
      nights: { from: '2027-03-12', to: '2027-03-14' },
      cost: { amount: 30_000, currency: 'EUR' },
      note: 'hotel',
    });
  });

  it('leaves out an amount in a currency the field does not take', () => {
    expect(prefillForm(laptop, read('laptop 900 USD'))).toEqual({});
  });
});

describe('[APPR74] an amount far from one’s usual', () => {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  it('warns above 3× or below a third of the median, saying the figure', () => {
    expect(amountWarning(eur(45_000), 'taxi', past)).toEqual({
      direction: 'above',
      usual: 3800,
      currency: 'EUR',
      from: 5,
    });
    expect(amountWarning(eur(900), 'taxi', past)?.direction).toBe('below');
    expect(amountWarning(eur(11_400), 'taxi', past)).toBeNull();
  });

  it('says nothing with fewer than 3 past amounts, or in another currency', () => {
    expect(amountWarning(eur(999_900), 'hotel', past)).toBeNull();
    expect(amountWarning({ amount: 999_900, currency: 'USD' }, 'taxi', past)).toBeNull();
    expect(amountWarning(eur(999_900), 'taxi', [])).toBeNull();
  });
});

describe('[APPR75] time to decision from one’s past requests', () => {
  it('the median of decided ones, in days, with how many', () => {
    expect(decisionEstimate('taxi', past)).toEqual({ days: 2, from: 4 });
  });

  it('nothing from fewer than 3 decided requests', () => {
    expect(decisionEstimate('hotel', past)).toBeNull();
    expect(decisionEstimate('laptop', past)).toBeNull();
  });
});

describe('[APPR77] an on-device embedder ranks by meaning too', () => {
  const unit = (...xs: number[]) => {
    const norm = Math.hypot(...xs);
    return new Float32Array(xs.map((x) => x / norm));
  };
  const vectors = new Map([
    ['taxi', unit(0.9, 0.4, 0)],
    ['hotel', unit(0.1, 1, 0)],
    ['laptop', unit(0, 0, 1)],
  ]);

  it('finds the template no word names, with no history', () => {
    const cab = read('cab 30 EUR');
    expect(suggestTemplates(cab, templates, []).best).toBeNull();
    expect(rankWithMeaning(cab, templates, [], unit(1, 0, 0), vectors).best).toBe('taxi');
  });

  it('a template without a vector keeps its words; meaning alone can still tie', () => {
    const monitor = read('new monitor');
    expect(rankWithMeaning(monitor, templates, [], unit(1, 0, 0), new Map()).best).toBe('laptop');
    const between = rankWithMeaning(
      read('zzz'),
      templates,
      [],
      unit(1, 1, 0),
      new Map([
        ['taxi', unit(1, 0, 0)],
        ['hotel', unit(0, 1, 0)],
      ]),
    );
    expect(between.best).toBeNull();
    expect(between.ranked.map((m) => m.templateId).sort()).toEqual(['hotel', 'taxi']);
  });
});
