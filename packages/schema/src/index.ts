export * from './access.js';
export * from './enums.js';
export * from './field-classes.js';
export * from './status.js';
