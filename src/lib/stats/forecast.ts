import type { CardState } from '$lib/srs/scheduler';
import type { StudyDay } from './days';
import { dayIndexOf } from './days';

export interface DayCount {
	key: string;
	start: number;
	count: number;
}

/**
 * Cards due on each of the `days` ahead (today first). A card already overdue counts today, as it
 * would be shown today; cards not in `cardIds` (removed from the decks) are left out.
 */
export function dueForecast(
	states: Iterable<CardState>,
	cardIds: ReadonlySet<string>,
	days: readonly StudyDay[]
): DayCount[] {
	const counts = days.map((day) => ({ key: day.key, start: day.start, count: 0 }));
	const today = days[0];
	if (!today) return counts;
	for (const state of states) {
		if (!cardIds.has(state.cardId)) continue;
		const index = state.due < today.start ? 0 : dayIndexOf(days, state.due);
		if (index >= 0) counts[index]!.count++;
	}
	return counts;
}
