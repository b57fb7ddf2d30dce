// The instructor assignments service: create and join (assignments.ts), submit and grade
// (submissions.ts), results for the instructor (results.ts) and their CSV (csv.ts).
export * from './assignments';
export * from './csv';
export * from './results';
export * from './submissions';
