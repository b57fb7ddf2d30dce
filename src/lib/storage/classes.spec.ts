import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup, parseBackup } from './backup';
import {
	getInstructorClass,
	getMembership,
	listInstructorClasses,
	listMemberships,
	newMembership,
	removeInstructorClass,
	removeMembership,
	replaceClassKey,
	saveInstructorClass,
	saveMembership,
	updateMembership,
	type InstructorClass
} from './classes';
import { DB_NAME, DB_VERSION, openMeridianDB } from './db';
import { createV3Database, V3_ROWS } from './fixtures/v3';
import { storageHealth } from './health.svelte';
import { findUnreadable, repairStorage } from './repair';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const KEY = 'k'.repeat(43);

const taught = (code: string, createdAt: number): Omit<InstructorClass, 'role'> => ({
	code,
	name: `Class ${code}`,
	classKey: KEY,
	createdAt
});

const member = (code: string, joinedAt = MOCK_NOW) =>
	newMembership({
		code,
		studentId: 'student-0001',
		name: 'Ann Lee',
		studentNumber: 'S-1',
		joinedAt
	});

describe('the version 4 upgrade', () => {
	it('keeps every row of a version 3 database and adds an empty classes store', async () => {
		await createV3Database(DB_NAME);
		const db = await openMeridianDB();
		expect(db.version).toBe(DB_VERSION);
		for (const [store, rows] of Object.entries(V3_ROWS)) {
			// Derived from the log: version 5 rebuilds them (summaries.spec.ts).
			if (store === 'daySummaries') continue;
			expect(await db.getAll(store as keyof typeof V3_ROWS), store).toEqual(rows);
		}
		expect(await db.count('classes')).toBe(0);
		await saveInstructorClass(db, taught('CLS2345', MOCK_NOW));
		expect(await listInstructorClasses(db)).toHaveLength(1);
	});
});

describe('an instructor’s classes', () => {
	it('are listed newest first, updated in place and forgotten on request', async () => {
		const db = await openMeridianDB();
		await saveInstructorClass(db, taught('AAA2345', MOCK_NOW));
		await saveInstructorClass(db, taught('BBB2345', MOCK_NOW + 1000));
		expect((await listInstructorClasses(db)).map((c) => c.code)).toEqual(['BBB2345', 'AAA2345']);
		// Opened again from another device's link: the name and key change, the first date stays.
		await saveInstructorClass(db, {
			...taught('AAA2345', MOCK_NOW + 5000),
			name: 'Renamed',
			classKey: 'n'.repeat(43)
		});
		expect(await getInstructorClass(db, 'AAA2345')).toEqual({
			role: 'instructor',
			code: 'AAA2345',
			name: 'Renamed',
			classKey: 'n'.repeat(43),
			createdAt: MOCK_NOW
		});
		expect(await replaceClassKey(db, 'AAA2345', 'r'.repeat(43))).toBe(true);
		expect((await getInstructorClass(db, 'AAA2345'))?.classKey).toBe('r'.repeat(43));
		expect(await replaceClassKey(db, 'ZZZ2345', 'r'.repeat(43))).toBe(false);
		await removeInstructorClass(db, 'BBB2345');
		expect((await listInstructorClasses(db)).map((c) => c.code)).toEqual(['AAA2345']);
	});

	it('refuses a row that would not read back, storing nothing', async () => {
		const db = await openMeridianDB();
		await expect(
			saveInstructorClass(db, { ...taught('AAA2345', 1), classKey: '' })
		).rejects.toThrow(/8/);
		await expect(replaceClassKey(db, 'AAA2345', 'short')).rejects.toThrow();
		expect(await db.count('classes')).toBe(0);
	});

	it('are kept apart from a membership of the same class', async () => {
		const db = await openMeridianDB();
		await saveInstructorClass(db, taught('AAA2345', MOCK_NOW));
		await saveMembership(db, member('AAA2345'));
		expect(await listInstructorClasses(db)).toHaveLength(1);
		expect(await listMemberships(db)).toHaveLength(1);
		expect(await getMembership(db, 'AAA2345')).toMatchObject({ sync: 'pending', memberKey: null });
		expect(await getInstructorClass(db, 'AAA2345')).toMatchObject({ classKey: KEY });
	});
});

describe('a student’s memberships', () => {
	it('start pending, change in one transaction and leave on request', async () => {
		const db = await openMeridianDB();
		await saveMembership(db, member('BBB2345', MOCK_NOW + 1));
		await saveMembership(db, member('AAA2345', MOCK_NOW));
		expect((await listMemberships(db)).map((m) => m.code)).toEqual(['AAA2345', 'BBB2345']);
		const joined = await updateMembership(db, 'AAA2345', (row) => ({
			...row,
			sync: 'joined',
			memberKey: 'm'.repeat(43),
			className: 'Eurasia 101'
		}));
		expect(joined).toMatchObject({ sync: 'joined', className: 'Eurasia 101' });
		expect(await getMembership(db, 'AAA2345')).toEqual(joined);
		// Leaving the row as it is writes nothing; a change that would not read back is refused.
		expect(await updateMembership(db, 'AAA2345', () => null)).toEqual(joined);
		await expect(
			updateMembership(db, 'AAA2345', (row) => ({ ...row, name: '' }))
		).rejects.toThrow();
		expect(await getMembership(db, 'AAA2345')).toEqual(joined);
		expect(await updateMembership(db, 'NONE234', (row) => row)).toBeUndefined();
		await removeMembership(db, 'BBB2345');
		expect((await listMemberships(db)).map((m) => m.code)).toEqual(['AAA2345']);
	});
});

describe('unreadable class rows', () => {
	it('are skipped by reads, named by the check and completed or removed by the repair', async () => {
		const db = await openMeridianDB();
		storageHealth.clear();
		await saveMembership(db, member('GOOD234'));
		// An instructor's row that lost its name keeps its key; one without a key cannot be used.
		await db.put('classes', { role: 'instructor', code: 'KEPT234', classKey: KEY } as never);
		await db.put('classes', { role: 'instructor', code: 'LOST234', name: 'x' } as never);
		await db.put('classes', {
			...member('HALF234'),
			sync: 'joined',
			memberKey: 7,
			progress: 'x'
		} as never);
		expect(await listInstructorClasses(db)).toEqual([]);
		expect((await listMemberships(db)).map((m) => m.code)).toEqual(['GOOD234']);
		expect(storageHealth.skipped.classes).toBe(2);

		const found = await findUnreadable(db);
		expect(found.map((r) => [r.store, r.key, r.field])).toEqual([
			['classes', 'instructor KEPT234', 'name'],
			['classes', 'instructor LOST234', 'classKey'],
			['classes', 'student HALF234', 'memberKey']
		]);
		expect(await repairStorage(db)).toMatchObject({ classesRepaired: 2, classesRemoved: 1 });
		expect(await findUnreadable(db)).toEqual([]);
		expect(await getInstructorClass(db, 'KEPT234')).toEqual({
			role: 'instructor',
			code: 'KEPT234',
			name: 'KEPT234',
			classKey: KEY,
			createdAt: 0
		});
		// Its member key lost, the membership is pending again, so the join is sent once more.
		expect(await getMembership(db, 'HALF234')).toMatchObject({
			sync: 'pending',
			memberKey: null,
			progress: {}
		});
		expect(await getMembership(db, 'GOOD234')).toEqual(member('GOOD234'));
	});
});

describe('backups', () => {
	it('carry the classes and merge them without replacing a class the device has', async () => {
		const db = await openMeridianDB();
		await saveInstructorClass(db, taught('AAA2345', MOCK_NOW));
		await saveMembership(db, member('BBB2345'));
		await db.put('classes', { role: 'instructor', code: 'BAD2345' } as never);
		const backup = parseBackup(JSON.stringify(await exportBackup(db, MOCK_NOW)));
		expect(backup.classes.map((c) => `${c.role} ${c.code}`)).toEqual([
			'instructor AAA2345',
			'student BBB2345'
		]);

		indexedDB.deleteDatabase(DB_NAME);
		db.close();
		const other = await openMeridianDB();
		await saveInstructorClass(other, { ...taught('AAA2345', MOCK_NOW), classKey: 'o'.repeat(43) });
		await importBackup(other, { ...backup, classes: [...backup.classes, ...backup.classes] });
		expect((await getInstructorClass(other, 'AAA2345'))?.classKey).toBe('o'.repeat(43));
		expect(await getMembership(other, 'BBB2345')).toEqual(member('BBB2345'));
		expect(await other.count('classes')).toBe(2);
	});

	it('from before version 4 read with no classes', () => {
		const backup = parseBackup(
			JSON.stringify({
				app: 'meridian',
				schemaVersion: 3,
				exportedAt: new Date(MOCK_NOW).toISOString(),
				cardStates: [],
				reviewLogs: [],
				quizAttempts: [],
				settings: null
			})
		);
		expect(backup.classes).toEqual([]);
	});
});
