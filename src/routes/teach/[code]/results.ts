/** The instructor's results, as GET /api/assignments/<code>/results returns them. */
export interface Results {
	assignment: { code: string; title: string; deckTitle: string; dueAt: string; mode: string };
	submissions: {
		id: string;
		name: string;
		studentNumber: string | null;
		score: number | null;
		passed: boolean | null;
		late: boolean;
		durationMs: number;
		attempt: number;
	}[];
	questions: {
		cardId: string;
		prompt: string;
		answer: string;
		quote: string;
		answered: number;
		correctShare: number;
		mostCommonWrong: string | null;
	}[];
}
