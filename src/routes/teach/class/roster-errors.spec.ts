import { describe, expect, it } from 'vitest';
import { lineRange, rosterErrorLine, submitRoster } from './roster-errors';

const text = 'Ann Lee, 1001\r\n\nBo, 1001\nCy';

describe('the roster line an error names', () => {
	it('finds the line and its text, counting empty lines and any line ending', () => {
		expect(
			rosterErrorLine('roster: line 3: student number "1001" is also on line 1', text)
		).toEqual({ line: 3, text: 'Bo, 1001' });
		expect(rosterErrorLine('roster: Line 4: too long', text)).toEqual({ line: 4, text: 'Cy' });
	});

	it('is null for an error naming no line, or a line the text lacks', () => {
		expect(rosterErrorLine('name: must not be empty', text)).toBeNull();
		expect(rosterErrorLine('roster: line 9: too long', text)).toBeNull();
		expect(rosterErrorLine('roster: line 0: too long', text)).toBeNull();
	});

	it('selects exactly the line, without its line ending', () => {
		expect(lineRange(text, 1)).toEqual([0, 13]);
		expect(lineRange(text, 3)).toEqual([16, 24]);
		expect(text.slice(...lineRange(text, 4))).toBe('Cy');
	});
});

describe('sending a roster form', () => {
	it('clears the pointed line, then on a refusal points at the message and returns it', async () => {
		const pointed: (string | null)[] = [];
		const field = { point: (message: string | null) => void pointed.push(message) };
		const refusal = await submitRoster(field, 'Nobody was added', async () => {
			throw new Error('roster: line 2: too long');
		});
		expect(refusal).toBe('Nobody was added: roster: line 2: too long');
		expect(pointed).toEqual([null, 'Nobody was added: roster: line 2: too long']);
	});

	it('returns null after a request that succeeds, leaving the line cleared', async () => {
		const pointed: (string | null)[] = [];
		const field = { point: (message: string | null) => void pointed.push(message) };
		let sent = 0;
		expect(await submitRoster(field, 'Not created', async () => void sent++)).toBeNull();
		expect(sent).toBe(1);
		expect(pointed).toEqual([null]);
	});
});
