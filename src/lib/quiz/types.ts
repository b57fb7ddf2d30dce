/** Which input the quiz shows for a card; a {@link QuizResponse} of the same `kind` answers it. */
export type QuizKind = 'choice' | 'truefalse' | 'text' | 'blanks' | 'number' | 'order';

/** What the student gave, one shape per {@link QuizKind}. */
export type QuizResponse =
	| { kind: 'choice'; option: string }
	| { kind: 'truefalse'; value: boolean }
	| { kind: 'text'; text: string }
	| { kind: 'blanks'; texts: string[] }
	| { kind: 'number'; text: string }
	| { kind: 'order'; events: string[] };

/**
 * One run of a character diff from the student's normalised answer to the closest accepted one:
 * `removed` runs were typed but are not in the answer, `added` runs are missing from what was typed.
 */
export interface DiffPart {
	value: string;
	added?: boolean;
	removed?: boolean;
}

/** How one blank of a cloze was graded. */
export interface BlankGrade {
	correct: boolean;
	nearMiss?: boolean;
	expected: string;
	given: string;
	diff?: DiffPart[];
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
	 * Present for typed answers that were wrong or near misses; for a cloze, the diffs of the blanks
	 * that differ, joined by an unchanged " / " part.
	 */
	diff?: DiffPart[];
	/** Ordering: pairs of events in the right relative order, out of all pairs. */
	pairs?: { correct: number; total: number };
	/** Cloze: one grade per blank, in blank order. */
	blanks?: BlankGrade[];
}
