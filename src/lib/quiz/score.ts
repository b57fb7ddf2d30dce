/** The grade of one answered question, as the quiz keeps it. */
export interface QuestionScore {
	cardId: string;
	score: number;
	correct: boolean;
}

export interface QuizScore {
	/** Sum of the question scores (partial credit included). */
	points: number;
	/** Number of questions. */
	total: number;
	/** 0-100, one decimal. */
	percent: number;
	passed: boolean;
	/** Ids of the cards not fully right, in quiz order: "Retry missed questions" asks these. */
	missed: string[];
}

/**
 * Totals a quiz. Passing needs a share of points of at least `passMark` (0..1);
 * exactly the pass mark passes. An empty quiz scores 0 and does not pass.
 */
export function scoreQuiz(results: QuestionScore[], passMark: number): QuizScore {
	const points = results.reduce((sum, r) => sum + r.score, 0);
	const total = results.length;
	const share = total === 0 ? 0 : points / total;
	return {
		points: Math.round(points * 1e6) / 1e6,
		total,
		percent: Math.round(share * 1000) / 10,
		// Sums of fractions drift (0.1 + 0.2); do not fail a student on float error.
		passed: total > 0 && share >= passMark - 1e-9,
		missed: results.filter((r) => !r.correct).map((r) => r.cardId)
	};
}
