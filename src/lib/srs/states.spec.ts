import * as fsrs from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { GRADES, Rating, S_MAX, S_MIN, State } from './states';

// `./states` repeats ts-fsrs's names and limits so that the study page can read stored rows
// without loading ts-fsrs: they must stay ts-fsrs's.
describe('the states, ratings and limits without ts-fsrs', () => {
	it("are ts-fsrs's", () => {
		expect(State).toEqual({
			New: fsrs.State.New,
			Learning: fsrs.State.Learning,
			Review: fsrs.State.Review,
			Relearning: fsrs.State.Relearning
		});
		expect(Rating).toEqual({
			Again: fsrs.Rating.Again,
			Hard: fsrs.Rating.Hard,
			Good: fsrs.Rating.Good,
			Easy: fsrs.Rating.Easy
		});
		expect(GRADES).toEqual(fsrs.Grades);
		expect([S_MIN, S_MAX]).toEqual([fsrs.S_MIN, fsrs.S_MAX]);
	});
});
