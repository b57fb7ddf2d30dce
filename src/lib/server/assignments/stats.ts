import type { OptionCount, QuestionStats, QuizResponse, WrongResponse } from '$lib/api';
import type { Card } from '$lib/decks/types';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db';

// ---- Per-question statistics, from the counts the database keeps (answer_stats, migration 7) --

export const MAX_WRONG_GROUPS = 30;

interface StatRow {
	card_id: string;
	bucket: 'verdict' | 'option' | 'wrong';
	value: string;
	n: number;
	response: string | null;
	given: string | null;
}

interface AcceptanceRow {
	card_id: string;
	response: string;
	given: string;
	accepted_at: number;
}

/** Every choice and true/false option of `card` with how many chose it, the card's own first. */
function optionCounts(card: Card | undefined, chosen: Map<string, number>): OptionCount[] | null {
	let options: OptionCount[];
	if (card?.type === 'mcq') {
		// The deck lists the right option first; quizzes shuffle them.
		options = card.options.map((option, i) => ({
			option,
			count: chosen.get(option) ?? 0,
			correct: i === 0
		}));
		for (const [option, count] of chosen)
			if (!card.options.includes(option)) options.push({ option, count, correct: false });
	} else if (card?.type === 'truefalse') {
		options = [true, false].map((value) => ({
			option: value ? 'True' : 'False',
			count: chosen.get(String(value)) ?? 0,
			correct: value === card.statementIsTrue
		}));
	} else return null;
	return options;
}

/**
 * The statistics of each question of a quiz, in `questionIds` order, read from the counts the
 * database keeps per question (a few rows per question, whatever the number of submissions): the
 * verdicts, the options chosen, the wrong responses grouped by key (the 30 most frequent; ties by
 * key) and the responses accepted for everyone. `total` is the number of submissions (the
 * assignment's `submission_count`, migration 8), of which those without an answer to a question
 * left it unanswered.
 */
export async function questionStats(
	db: Kysely<Schema>,
	code: string,
	questionIds: readonly string[],
	cards: Map<string, Card>,
	total: number
): Promise<QuestionStats[]> {
	const [stats, acceptances] = await Promise.all([
		sql<StatRow>`
			SELECT card_id, bucket, value, n, response, given FROM (
				SELECT card_id, bucket, value, n, response, given, ROW_NUMBER() OVER (
					PARTITION BY card_id, bucket ORDER BY n DESC, value) AS place
				FROM answer_stats WHERE assignment_code = ${code} AND n > 0
			) r WHERE bucket <> 'wrong' OR place <= ${MAX_WRONG_GROUPS}
			ORDER BY card_id, bucket, place`.execute(db),
		db
			.selectFrom('acceptances')
			.select(['card_id', 'response', 'given', 'accepted_at'])
			.where('assignment_code', '=', code)
			.orderBy('accepted_at')
			.orderBy('card_id')
			.orderBy('response_key')
			.execute() as Promise<AcceptanceRow[]>
	]);
	const byCard = new Map<string, StatRow[]>();
	for (const row of stats.rows) {
		const list = byCard.get(row.card_id) ?? [];
		list.push(row);
		byCard.set(row.card_id, list);
	}
	return questionIds.map((cardId): QuestionStats => {
		const rows = byCard.get(cardId) ?? [];
		const verdict = (value: string) =>
			Number(rows.find((r) => r.bucket === 'verdict' && r.value === value)?.n ?? 0);
		const [right, wrong, blank] = [verdict('right'), verdict('wrong'), verdict('blank')];
		const answered = right + wrong + blank;
		const chosen = new Map(
			rows.filter((r) => r.bucket === 'option').map((r) => [r.value, Number(r.n)])
		);
		const wrongResponses = rows
			.filter((r) => r.bucket === 'wrong')
			.map((r): WrongResponse => ({
				response: JSON.parse(r.response ?? 'null') as QuizResponse,
				given: r.given ?? '',
				count: Number(r.n)
			}));
		const card = cards.get(cardId);
		return {
			cardId,
			prompt: card?.prompt ?? '',
			answer: card?.answer ?? '',
			quote: card?.source.quote ?? '',
			section: card?.section ?? '',
			answered,
			right,
			wrong,
			blank,
			unanswered: Math.max(0, total - answered),
			correctShare: answered === 0 ? 0 : right / answered,
			mostCommonWrong: wrongResponses[0]?.given ?? null,
			options: optionCounts(card, chosen),
			wrongResponses,
			accepted: acceptances
				.filter((a) => a.card_id === cardId)
				.map((a) => ({
					response: JSON.parse(a.response) as QuizResponse,
					given: a.given,
					acceptedAt: new Date(a.accepted_at).toISOString()
				}))
		};
	});
}
