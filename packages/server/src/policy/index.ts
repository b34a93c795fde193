export * from './policy.js';
export * from './relations.js';
export type { Viewer } from './viewer.js';
