import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './due-input';

describe('due dates in the date and time field', () => {
	// The specs run in Europe/London: GMT in December, BST in June.
	it('shows an instant in local time and reads it back', () => {
		expect(toLocalInput('2026-12-08T17:00:00.000Z')).toBe('2026-12-08T17:00');
		expect(toLocalInput('2026-06-08T17:00:00.000Z')).toBe('2026-06-08T18:00');
		expect(fromLocalInput('2026-06-08T18:00')).toBe('2026-06-08T17:00:00.000Z');
	});

	it('reads an empty or broken value as none', () => {
		expect(fromLocalInput('')).toBeNull();
		expect(fromLocalInput('2026-13-45T99:00')).toBeNull();
	});
});
