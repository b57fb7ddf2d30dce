/** Quiz domain: selection, grading and scoring (pure; no Svelte, storage or DOM). */
export { gradeResponse, QuizResponseKindError } from './grade';
export { normalizeAnswer } from './normalize';
export { scoreQuiz, type QuestionScore, type QuizScore } from './score';
export { eventOrder, optionOrder, quizKind, selectQuestions } from './select';
export type { BlankGrade, DiffPart, GradeResult, QuizKind, QuizResponse } from './types';
