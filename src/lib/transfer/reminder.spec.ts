import { describe, expect, it } from 'vitest';
import { SNOOZE_MS, shouldRemind, type ReminderFacts } from './reminder';

const NOW = Date.UTC(2026, 2, 1, 12);
const facts = (over: Partial<ReminderFacts> = {}): ReminderFacts => ({
	persisted: false,
	lastProgressAt: NOW - 1000,
	lastSafeCopyAt: null,
	snoozedAt: null,
	now: NOW,
	...over
});

describe('the backup reminder', () => {
	it('reminds when progress is only here and storage may be cleared', () => {
		expect(shouldRemind(facts())).toBe(true);
		expect(shouldRemind(facts({ lastSafeCopyAt: NOW - 5000 }))).toBe(true);
	});

	it('stays quiet with persistent storage, no progress, or a copy made since', () => {
		expect(shouldRemind(facts({ persisted: true }))).toBe(false);
		expect(shouldRemind(facts({ lastProgressAt: null }))).toBe(false);
		expect(shouldRemind(facts({ lastSafeCopyAt: NOW - 1000 }))).toBe(false);
		expect(shouldRemind(facts({ lastSafeCopyAt: NOW }))).toBe(false);
	});

	it('waits a week after "Not now"', () => {
		expect(shouldRemind(facts({ snoozedAt: NOW - SNOOZE_MS + 1 }))).toBe(false);
		expect(shouldRemind(facts({ snoozedAt: NOW - SNOOZE_MS }))).toBe(true);
	});
});
