import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { cardsInDeck } from '$lib/decks/membership';
import type { Card, CardIndexEntry, DeckSummary } from '$lib/decks/types';
import { seededRandom } from '$lib/random';
import { studyDay } from '$lib/srs/day';
import { countQueue } from '$lib/srs/queue';
import { State } from '$lib/srs/states';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/srs/settings';
import { bucketOf } from '$lib/stats/summary';
import { loadMarks } from '$lib/storage/card-marks';
import { openMeridianDB, type MeridianDB } from '$lib/storage/db';
import { saveSettings } from '$lib/storage/settings';
import { loadCardStates, loadHomeProgress, loadStudySnapshot } from '$lib/storage/study-data';
import { loadSummaries } from '$lib/storage/summaries';
import { homeCounts } from './counts';
import { loadQueue } from './study/[deckId]/queue-source';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECTIONS = ['history', 'collaboration', 'competition'] as const;
const TAGS = ['energy', 'sco', 'people'];

const deck = (id: string, kind: DeckSummary['kind']): DeckSummary => ({
	id,
	title: id,
	description: '',
	kind,
	cardCount: 0,
	hash: id
});
const DECKS = [
	...SECTIONS.map((id) => deck(id, 'section')),
	...TAGS.map((id) => deck(id, 'theme')),
	deck('all', 'all')
];

/**
 * A random student on a fresh database: 40 cards (some stored states of cards no deck holds),
 * states of every kind due from two days ago to three days on, marks (suspended, buried until
 * before or after now, flagged only, cleared), quarter hours' rows of new cards from yesterday
 * and today, and settings with a random day start and new-card limits.
 */
async function randomStudent(seed: number, now: number) {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const cards: CardIndexEntry[] = Array.from({ length: 40 }, (_, i) => ({
		id: `card-${String(i).padStart(2, '0')}`,
		section: pick(SECTIONS),
		tags: TAGS.filter(() => random() < 0.3)
	}));
	const db = await openMeridianDB();
	const settings: StudySettings = {
		...DEFAULT_SETTINGS,
		dayStartHour: Math.floor(random() * 24),
		newPerDay: Math.floor(random() * 12),
		deckNewLimits: Object.fromEntries(
			DECKS.filter(() => random() < 0.4).map((d) => [d.id, Math.floor(random() * 6)])
		)
	};
	await saveSettings(db, settings);
	const stored = [...cards.map((c) => c.id), 'retired-1', 'retired-2'];
	for (const cardId of stored.filter(() => random() < 0.6)) {
		const state = pick([State.New, State.Learning, State.Review, State.Relearning]);
		const fresh = state === State.New;
		await db.put('cardStates', {
			cardId,
			due: Math.round(now + (random() * 5 - 2) * DAY),
			stability: fresh ? 0 : 5,
			difficulty: fresh ? 0 : 5,
			elapsedDays: 1,
			scheduledDays: 3,
			learningSteps: 0,
			reps: fresh ? 0 : 3,
			lapses: 0,
			state,
			lastReview: fresh ? null : now - DAY,
			lastLogId: fresh ? null : `log-${cardId}`
		});
	}
	for (const cardId of stored.filter(() => random() < 0.25)) {
		const kind = pick(['suspended', 'buried', 'was buried', 'flag', 'cleared']);
		await db.put('cardMarks', {
			cardId,
			suspended: kind === 'suspended',
			buriedUntil: kind === 'buried' ? now + HOUR : kind === 'was buried' ? now - HOUR : null,
			flag: kind === 'flag' ? 'red' : null,
			updatedAt: now - DAY
		});
	}
	// New cards in quarter hours from 30 hours ago to now: some before today's start.
	for (let at = now - 30 * HOUR; at <= now; at += 2 * HOUR) {
		const newCardIds = stored.filter(() => random() < 0.08).sort();
		await db.put('daySummaries', { key: bucketOf(at), reviews: 1, durationMs: 1000, newCardIds });
	}
	return { db, cards, settings };
}

/** What a study session on each deck starts with now, through the session's own queue code. */
async function sessionCounts(
	db: MeridianDB,
	settings: StudySettings,
	cards: readonly CardIndexEntry[],
	now: number
) {
	const day = studyDay(now, settings.dayStartHour);
	const byDeck = new Map();
	for (const d of DECKS) {
		const inDeck = cardsInDeck(d, cards) as unknown as Card[];
		const { queue } = await loadQueue(db, settings, { id: d.id, cards: inDeck }, 'today', now, day);
		byDeck.set(d.id, countQueue(queue));
	}
	const ids = cards.map((c) => c.id);
	const { nextDueAfter } = await loadStudySnapshot(db, ids, day.start, day.end);
	return { byDeck, nextDueAfter };
}

describe('homeCounts over loadHomeProgress', () => {
	it('counts every deck as its study session would start, on random students', async () => {
		for (let seed = 1; seed <= 40; seed++) {
			const now = Date.UTC(2026, 2, 1) + seed * 7_919_000;
			const { db, cards, settings } = await randomStudent(seed, now);
			const progress = await loadHomeProgress(
				db,
				cards.map((c) => c.id),
				now
			);
			expect(homeCounts(progress, DECKS, cards, now)).toEqual(
				await sessionCounts(db, settings, cards, now)
			);
			db.close();
			// The next student starts on an empty database.
			globalThis.indexedDB = new IDBFactory();
		}
	});

	it('reads in one transaction what the separate reads give: settings, states, marks, today', async () => {
		const now = Date.UTC(2026, 2, 29, 1, 30); // the night the clocks go forward in Europe
		const { db, cards, settings } = await randomStudent(7, now);
		const ids = cards.map((c) => c.id);
		const progress = await loadHomeProgress(db, ids, now);
		const day = studyDay(now, settings.dayStartHour);
		expect(progress.settings).toEqual(settings);
		expect(progress.states).toEqual(await loadCardStates(db, ids));
		expect(progress.marks).toEqual(await loadMarks(db));
		const today = await loadSummaries(db, day.start);
		expect(progress.buckets.filter((row) => row.key >= bucketOf(day.start))).toEqual(today);
	});
});
