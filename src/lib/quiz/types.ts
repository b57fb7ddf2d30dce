/** Which input the quiz shows for a card; a {@link QuizResponse} of the same `kind` answers it. */
export type QuizKind = 'choice' | 'truefalse' | 'text' | 'blanks' | 'number' | 'order';

/** What the student gave, one shape per {@link QuizKind}: the API's schema defines it. */
export type { QuizResponse } from '$lib/api/schemas';

/**
 * One run of a character diff from the student's normalised answer to the closest accepted one:
 * `removed` runs were typed but are not in the answer, `added` runs are missing from what was typed.
 */
export interface DiffPart {
	value: string;
	added?: boolean;
	removed?: boolean;
}

/**
 * Why an answer was wrong without being compared, for a clear verdict: nothing given (or only
 * spaces and punctuation), a text over the length graded, a number that cannot be read, a number
 * in a unit that does not fit, an option the question does not have, or a response of another
 * kind than the question takes (a stored answer to a card that has changed).
 */
export type GradeReason =
	'empty' | 'too-long' | 'not-a-number' | 'unit' | 'unknown-option' | 'wrong-kind';

/** How one blank of a cloze was graded. */
export interface BlankGrade {
	correct: boolean;
	nearMiss?: boolean;
	expected: string;
	given: string;
	diff?: DiffPart[];
	reason?: GradeReason;
	/** Key terms (the first alternative of each) a wrong answer lacks, when it had some of them. */
	missingTerms?: string[];
}

export interface GradeResult {
	/** Fully right (a forgiven typo still counts). */
	correct: boolean;
	/** 0..1; partial credit for ordering and multi-blank clozes. */
	score: number;
	/** The correct answer as display text. */
	expected: string;
	/** The student's answer as display text. */
	given: string;
	/** Right only thanks to typo tolerance: show the expected answer and the diff. */
	nearMiss?: boolean;
	/**
	 * Present for typed answers within typo distance of an accepted one: near misses, and wrong
	 * answers only a number off ("1896" for "1891"); for a cloze, the diffs of the blanks
	 * that differ, joined by an unchanged " / " part.
	 */
	diff?: DiffPart[];
	/** Ordering: pairs of events in the right relative order, out of all pairs. */
	pairs?: { correct: number; total: number };
	/** Cloze: one grade per blank, in blank order. */
	blanks?: BlankGrade[];
	/** Why the answer was wrong without being compared (see {@link GradeReason}). */
	reason?: GradeReason;
	/** Key terms (the first alternative of each) a wrong answer lacks, when it had some of them. */
	missingTerms?: string[];
	/** Counted right because the student said "I was right" (self-study quizzes only). */
	selfGraded?: true;
}
