import type { Card, DeckSummary } from '$lib/decks/types';
import {
	buildStatistics,
	HEATMAP_DAYS,
	statisticsWindow,
	type Statistics
} from '$lib/stats/statistics';
import type { MeridianDB } from '$lib/storage/db';
import { loadStatsData } from '$lib/storage/stats-data';
import { loadSummaries } from '$lib/storage/summaries';
import { timed } from '$lib/study/timing';

const DAY = 86_400_000;

/**
 * Reads storage once and computes every chart, with days starting at the student's hour. The
 * settings are read with everything else, so the year's quarter hours are read from a start no
 * study day of the calendar can precede (365 days of at most 25 hours each would be 15 days more;
 * two days spare cover the clock changes a year has), and the calendar then takes its own; should
 * its first day start earlier all the same (a time zone changed), its rows are read again from it.
 * `onHistory` is told as soon as the read knows whether there is anything to chart (see
 * `loadStatsData`).
 */
export async function loadStatistics(
	db: MeridianDB,
	decks: readonly DeckSummary[],
	cards: readonly Pick<Card, 'id' | 'section' | 'tags'>[],
	now: number,
	onHistory?: (found: boolean) => void
): Promise<Statistics> {
	const since = now - (HEATMAP_DAYS + 2) * DAY;
	const data = await timed('stats-read', () =>
		loadStatsData(
			db,
			since,
			cards.map((c) => c.id),
			onHistory
		)
	);
	const days = statisticsWindow(now, data.settings.dayStartHour);
	const first = days.calendar[0]!.start;
	const summaries = first < since ? await loadSummaries(db, first) : data.summaries;
	return timed('stats-aggregate', async () =>
		buildStatistics(days, { ...data, summaries, decks, allCards: cards })
	);
}
