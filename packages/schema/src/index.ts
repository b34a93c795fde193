export * from './access.js';
export * from './enums.js';
