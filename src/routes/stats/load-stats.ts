import type { Card, DeckSummary } from '$lib/decks/types';
import type { StudySettings } from '$lib/srs/settings';
import { buildStatistics, statisticsWindow, type Statistics } from '$lib/stats/statistics';
import type { MeridianDB } from '$lib/storage/db';
import { loadStatsData } from '$lib/storage/stats-data';
import { timed } from '$lib/study/timing';

/** Reads storage once and computes every chart, with days starting at the student's hour. */
export async function loadStatistics(
	db: MeridianDB,
	settings: StudySettings,
	decks: readonly DeckSummary[],
	cards: readonly Pick<Card, 'id' | 'section' | 'tags'>[],
	now: number
): Promise<Statistics> {
	const days = statisticsWindow(now, settings.dayStartHour);
	const data = await timed('stats-read', () =>
		loadStatsData(
			db,
			days.calendar[0]!.start,
			cards.map((c) => c.id)
		)
	);
	return timed('stats-aggregate', async () =>
		buildStatistics(days, { ...data, decks, allCards: cards })
	);
}
