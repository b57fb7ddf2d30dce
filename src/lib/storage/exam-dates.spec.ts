import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { type Assignment, joinAssignment, listAssignments } from './assignments';
import { exportBackup, importBackup, parseBackup } from './backup';
import { openMeridianDB } from './db';
import { recordReview } from './reviews';
import { loadSettings, saveExamDate, saveSettings, updateSettings } from './settings';
import { loadCardStates } from './study-data';

// Local time: Monday 30 November 2026, 10 am.
const NOW = new Date(2026, 10, 30, 10).getTime();

const assignment = (dueAt: Date, deckId = 'energy'): Assignment => ({
	code: 'ABCDEF',
	title: 'Energy review',
	deckId,
	deckTitle: 'Energy',
	mode: 'review',
	questionIds: [],
	passMark: 0.7,
	dueAt: dueAt.toISOString()
});
const joining = (a: Assignment) => ({
	id: '',
	role: 'student' as const,
	assignment: a,
	name: 'Ann',
	studentNumber: '',
	joinedAt: NOW
});

describe('exam dates in storage', () => {
	it('sets and clears a deck’s exam date, keeping every other setting', async () => {
		const db = await openMeridianDB();
		await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 7 });
		await saveExamDate(db, 'energy', '2026-12-11');
		await saveExamDate(db, 'sco', '2026-12-20');
		expect(await loadSettings(db)).toEqual({
			...DEFAULT_SETTINGS,
			newPerDay: 7,
			examDates: { energy: '2026-12-11', sco: '2026-12-20' }
		});
		await saveExamDate(db, 'energy', null);
		expect((await loadSettings(db)).examDates).toEqual({ sco: '2026-12-20' });
	});

	it('a settings change from another page keeps the exam dates', async () => {
		const db = await openMeridianDB();
		await saveExamDate(db, 'energy', '2026-12-11');
		await updateSettings(db, (s) => ({ ...s, desiredRetention: 0.8 }));
		expect(await loadSettings(db)).toMatchObject({
			desiredRetention: 0.8,
			examDates: { energy: '2026-12-11' }
		});
	});

	it('refuses an invalid date and writes nothing', async () => {
		const db = await openMeridianDB();
		await saveExamDate(db, 'energy', '2026-12-11');
		await expect(saveExamDate(db, 'energy', '2026-02-30')).rejects.toThrow(/date/);
		expect((await loadSettings(db)).examDates).toEqual({ energy: '2026-12-11' });
	});

	it('an import adds the backup’s exam dates to local settings without replacing any', async () => {
		const db = await openMeridianDB();
		await saveExamDate(db, 'energy', '2026-12-11');
		await saveExamDate(db, 'sco', '2026-12-20');
		const backup = await exportBackup(db, NOW);
		await db.clear('settings');
		await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 5 });
		await saveExamDate(db, 'energy', '2026-12-14');
		await importBackup(db, parseBackup(JSON.stringify(backup)));
		expect(await loadSettings(db)).toEqual({
			...DEFAULT_SETTINGS,
			newPerDay: 5,
			examDates: { energy: '2026-12-14', sco: '2026-12-20' }
		});
	});

	it('backups carry exam dates, and a backup from before exam dates still imports', async () => {
		const db = await openMeridianDB();
		await saveExamDate(db, 'energy', '2026-12-11');
		const backup = await exportBackup(db, NOW);
		expect(backup.settings?.examDates).toEqual({ energy: '2026-12-11' });

		// The same database with no settings yet, as on a device that has never saved any.
		await db.clear('settings');
		const old = JSON.stringify({
			...backup,
			settings: { ...DEFAULT_SETTINGS, examDates: undefined }
		});
		await importBackup(db, parseBackup(old));
		expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
		await db.clear('settings');
		await importBackup(db, parseBackup(JSON.stringify(backup)));
		expect((await loadSettings(db)).examDates).toEqual({ energy: '2026-12-11' });
	});

	it('reads every stored state of the cards asked for, due or not', async () => {
		const db = await openMeridianDB();
		for (const id of ['a', 'b', 'other']) {
			await recordReview(db, DEFAULT_SETTINGS, {
				logId: `log-${id}`,
				cardId: id,
				rating: Rating.Easy,
				now: NOW,
				source: 'study'
			});
		}
		expect([...(await loadCardStates(db, ['a', 'b', 'never'])).keys()].sort()).toEqual(['a', 'b']);
	});
});

describe('joining an assignment', () => {
	it('stores it and makes its due day the deck’s exam date', async () => {
		const db = await openMeridianDB();
		await joinAssignment(db, joining(assignment(new Date(2026, 11, 11, 17))), NOW);
		expect(await listAssignments(db, 'student')).toHaveLength(1);
		expect((await loadSettings(db)).examDates).toEqual({ energy: '2026-12-11' });
	});

	it('never replaces an exam date the student chose', async () => {
		const db = await openMeridianDB();
		await saveExamDate(db, 'energy', '2026-12-04');
		await joinAssignment(db, joining(assignment(new Date(2026, 11, 11, 17))), NOW);
		expect((await loadSettings(db)).examDates).toEqual({ energy: '2026-12-04' });
	});

	it('sets no exam date for an assignment already overdue', async () => {
		const db = await openMeridianDB();
		await joinAssignment(db, joining(assignment(new Date(2026, 10, 20, 17))), NOW);
		expect(await listAssignments(db, 'student')).toHaveLength(1);
		expect((await loadSettings(db)).examDates).toEqual({});
	});
});
