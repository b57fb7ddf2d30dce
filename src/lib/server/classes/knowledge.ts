import { WEAKEST_SENTENCES, type ClassKnowledge, type SentenceStats } from '$lib/api';
import type { CompiledDecks } from '$lib/decks/compile';
import { citationsBySentence } from '$lib/essay/locate';
import { sql } from 'kysely';
import type { StoredAnswer } from '../assignments/grading';
import type { DB } from '../db';
import type { ClassRow } from './auth';
import { recallSql, studiedSql } from './recall';

// ---- The class knowledge map: per cited sentence, share right and predicted recall -----------

interface Sentence {
	id: string;
	section: string;
	text: string;
	cardIds: string[];
}

const sentenceLists = new WeakMap<CompiledDecks, Sentence[]>();

/** Every cited sentence in essay order with the cards citing it (computed once per decks). */
export function citedSentences(compiled: CompiledDecks): Sentence[] {
	let list = sentenceLists.get(compiled);
	if (list) return list;
	const seen = new Set<string>();
	const cards = compiled.decks
		.flatMap((d) => d.cards)
		.filter((c) => !seen.has(c.id) && seen.add(c.id));
	const citations = citationsBySentence(compiled.essay.sections, cards);
	list = [];
	for (const section of compiled.essay.sections) {
		for (const sentence of section.paragraphs.flatMap((p) => p.sentences)) {
			const cardIds = citations.get(sentence.id);
			if (cardIds)
				list.push({ id: sentence.id, section: section.slug, text: sentence.text, cardIds });
		}
	}
	sentenceLists.set(compiled, list);
	return list;
}

export interface CardEvidence {
	answered: number;
	correct: number;
	studied: number;
	recallSum: number;
}

/**
 * Per sentence, the class's evidence summed over the cards citing it; sentences with none left
 * out. The weakest: the lower of share right and recall where known, lowest first, then the
 * most evidence first.
 */
export function sentenceStats(
	sentences: readonly Sentence[],
	evidence: ReadonlyMap<string, CardEvidence>,
	questions: ReadonlySet<string>
): { sentences: SentenceStats[]; weakest: string[] } {
	const stats: SentenceStats[] = [];
	for (const s of sentences) {
		let answered = 0;
		let correct = 0;
		let studied = 0;
		let recallSum = 0;
		for (const id of s.cardIds) {
			const e = evidence.get(id);
			if (!e) continue;
			answered += e.answered;
			correct += e.correct;
			studied += e.studied;
			recallSum += e.recallSum;
		}
		if (answered === 0 && studied === 0) continue;
		stats.push({
			sentenceId: s.id,
			section: s.section,
			text: s.text,
			cardIds: s.cardIds,
			questions: s.cardIds.filter((id) => questions.has(id)).length,
			answered,
			correctShare: answered > 0 ? correct / answered : null,
			studied,
			recall: studied > 0 ? recallSum / studied : null
		});
	}
	const weakness = (s: SentenceStats) => Math.min(s.correctShare ?? Infinity, s.recall ?? Infinity);
	const weakest = [...stats]
		.sort((a, b) => weakness(a) - weakness(b) || b.answered + b.studied - (a.answered + a.studied))
		.slice(0, WEAKEST_SENTENCES)
		.map((s) => s.sentenceId);
	return { sentences: stats, weakest };
}

/** The class's knowledge of each cited sentence, from quiz answers and review progress. */
export async function getClassKnowledge(
	db: DB,
	compiled: CompiledDecks,
	klass: ClassRow,
	now: number
): Promise<ClassKnowledge> {
	const [quizzes, progress] = await Promise.all([
		db
			.selectFrom('submissions as s')
			.innerJoin('assignments as a', 'a.code', 's.assignment_code')
			.select(['s.answers'])
			.where('a.class_code', '=', klass.code)
			.where('a.mode', '=', 'quiz')
			.execute(),
		sql<{ card_id: string; studied: number; recall_sum: number | null }>`SELECT p.card_id,
				SUM(CASE WHEN ${studiedSql} THEN 1 ELSE 0 END) AS studied,
				SUM(${recallSql(now)}) AS recall_sum
			FROM review_progress p JOIN assignments a ON a.code = p.assignment_code
			WHERE a.class_code = ${klass.code}
			GROUP BY p.card_id`
			.execute(db)
			.then((r) => r.rows)
	]);
	const questionRows = await db
		.selectFrom('assignments')
		.select('question_ids')
		.where('class_code', '=', klass.code)
		.where('mode', '=', 'quiz')
		.execute();
	const questions = new Set(questionRows.flatMap((r) => JSON.parse(r.question_ids) as string[]));
	const evidence = new Map<string, CardEvidence>();
	const of = (id: string) => {
		let e = evidence.get(id);
		if (!e) evidence.set(id, (e = { answered: 0, correct: 0, studied: 0, recallSum: 0 }));
		return e;
	};
	for (const row of quizzes) {
		for (const a of JSON.parse(row.answers) as StoredAnswer[]) {
			const e = of(a.cardId);
			e.answered++;
			if (a.correct) e.correct++;
		}
	}
	for (const p of progress) {
		const e = of(p.card_id);
		e.studied += Number(p.studied);
		e.recallSum += Number(p.recall_sum ?? 0);
	}
	return {
		...sentenceStats(citedSentences(compiled), evidence, questions),
		at: new Date(now).toISOString()
	};
}
