// The one client-safe definition of the assignments API (docs/api.md): request schemas, limits
// and defaults (schemas.ts), the answers' types (answers.ts), the submission body
// (submission.ts) and the request helper the app's pages call (request.ts); classes (classes.ts).
export * from './answers';
export * from './classes';
export * from './request';
export * from './schemas';
export * from './submission';
