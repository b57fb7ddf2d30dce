// The instructor assignments service: create and join (assignments.ts), submit and grade
// (submissions.ts, grading.ts), results for the instructor (results.ts) and their CSV (csv.ts),
// responses the instructor accepts for everyone (acceptances.ts).
export * from './acceptances';
export * from './assignments';
export * from './csv';
export * from './grading';
export * from './results';
export * from './stats';
export * from './submissions';
export * from './summaries';
