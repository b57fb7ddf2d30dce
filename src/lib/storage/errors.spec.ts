import { describe, expect, it } from 'vitest';
import { describeStorageError } from './errors';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('describeStorageError', () => {
	it.each([
		['QuotaExceededError', 'quota', /out of storage space/],
		['InvalidStateError', 'closed', /Reload this page/],
		['SecurityError', 'unavailable', /private browsing/]
	])('explains %s to the student', (name, problem, message) => {
		const error = describeStorageError(domError(name));
		expect(error.problem).toBe(problem);
		expect(error.message).toMatch(message);
	});
});
