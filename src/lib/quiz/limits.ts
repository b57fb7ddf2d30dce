// A module of its own, so the quiz's answer inputs and feedback, which the quiz page imports after
// its start screen, can show the limit without importing the grader: a module the lazy code and
// the start screen's code both import counts as shared by two chunks, and would go to the chunk
// every page preloads (scripts/client-chunks.js).

/** The longest typed answer graded; a longer one is wrong, with that reason. */
export const MAX_ANSWER_CHARS = 500;
