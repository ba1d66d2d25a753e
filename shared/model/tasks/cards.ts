/** Cards and statuses are read through the per-doc cache (task-cache.ts). */
export { readCards, readStatus, readSubtaskCards, type Card } from './task-cache.js';
