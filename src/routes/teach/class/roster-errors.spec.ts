import { describe, expect, it } from 'vitest';
import { lineRange, rosterErrorLine } from './roster-errors';

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
