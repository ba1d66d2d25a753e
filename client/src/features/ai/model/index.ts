/**
 * On-device AI logic that needs no model: extractive summaries, source links for an
 * abstractive model's output, keyword search helpers (fusion, highlighting, vector
 * top-k) and the daily briefing's ranking. Pure functions over plain data; no DOM.
 */
export * from './errors.js';
export * from './extractive.js';
export * from './source-sentences.js';
export * from './link-sentences.js';
export * from './keyword-search.js';
export * from './highlight.js';
export * from './vectors.js';
export * from './briefing.js';
