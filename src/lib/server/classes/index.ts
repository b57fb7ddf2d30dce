// The classes service: keys (auth.ts), classes, rosters and members (classes.ts), reading a
// roster and matching joiners (roster.ts, match.ts: pure), what the instructor and the student
// read (dashboard.ts), the knowledge map (knowledge.ts), the gradebook (gradebook.ts, pure),
// class assignments' edits, extensions and review progress (assignments.ts), predicted recall
// in SQL (recall.ts).
export * from './assignments';
export * from './auth';
export * from './classes';
export * from './dashboard';
export * from './gradebook';
export * from './knowledge';
export * from './match';
export * from './recall';
export * from './roster';
