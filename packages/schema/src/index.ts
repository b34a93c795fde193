export * from './access.js';
export * from './enums.js';
export * from './status.js';
