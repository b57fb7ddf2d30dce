import { describe, expect, it } from 'vitest';
import { MAX_ROSTER_ENTRIES } from '$lib/api';
import { parseRoster, RosterError, splitLine } from './roster';

const fails = (input: string | unknown[], existing = []) => {
	try {
		parseRoster(input, existing);
	} catch (e) {
		expect(e).toBeInstanceOf(RosterError);
		return (e as Error).message;
	}
	throw new Error('parsed');
};

describe('parseRoster', () => {
	it('reads "name, number" lines, a tab, and a comma inside a name; skips empty lines', () => {
		const roster = parseRoster(
			'Ana Lima, 1001\n\n   \r\nSmith, Ann\nBo Chen\t1002\r\nSmith, Jo, S-77\n'
		);
		expect(roster).toEqual([
			{ name: 'Ana Lima', studentNumber: '1001', timeMultiplier: 1, line: 1 },
			{ name: 'Smith, Ann', studentNumber: null, timeMultiplier: 1, line: 4 },
			{ name: 'Bo Chen', studentNumber: '1002', timeMultiplier: 1, line: 5 },
			{ name: 'Smith, Jo', studentNumber: 'S-77', timeMultiplier: 1, line: 6 }
		]);
		expect(splitLine('Ana,')).toEqual({ name: 'Ana', studentNumber: '' });
	});

	it('keeps markup as text and NFC-normalises names', () => {
		const [entry] = parseRoster('<b>Zoe</b> <script>x</script>, 9\nJose\u0301, 10');
		expect(entry!.name).toBe('<b>Zoe</b> <script>x</script>');
		expect(parseRoster('Jose\u0301, 10')[0]!.name).toBe('Jos\u00e9');
	});

	it('names the line of a bidi control, a lone surrogate, an over-long name or number', () => {
		expect(fails('Ana, 1\nEve\u202Ebob, 2')).toBe(
			'roster line 2: name: must not contain bidirectional control characters'
		);
		expect(fails('Ana, 1\u2066')).toContain('roster line 1: student number: must not contain bidi');
		expect(fails('A\uD800na')).toContain('roster line 1: name: must not contain a lone surrogate');
		expect(fails(`${'x'.repeat(81)}, 1`)).toContain('roster line 1: name: must be at most 80');
		expect(fails(`Ana, 1${'2'.repeat(40)}`)).toContain('roster line 1: student number');
	});

	it('refuses a student number twice, naming both lines (spaces and case ignored)', () => {
		expect(fails('Ana, s 100\nBo, 2\nCy, S100')).toBe(
			'roster line 3: student number "S100" is already on line 1'
		);
		expect(fails('Dee, 7', [{ name: 'Ann', studentNumber: '7' }] as never)).toBe(
			'roster line 1: student number "7" is already on the roster (Ann)'
		);
	});

	it('takes 2,000 students and refuses one more, counting those already on the roster', () => {
		const lines = Array.from({ length: MAX_ROSTER_ENTRIES }, (_, i) => `Student ${i}, ${i}`);
		expect(parseRoster(lines.join('\n') + '\n\n')).toHaveLength(MAX_ROSTER_ENTRIES);
		expect(fails([...lines, 'One more, x1'].join('\n'))).toBe(
			'roster: at most 2000 students in a class, got 2001'
		);
		expect(fails('Late, 5', lines.map((l) => ({ name: l, studentNumber: null })) as never)).toBe(
			'roster: at most 2000 students in a class, got 2001'
		);
	});

	it('reads a list of entries with time multipliers, naming the index of a bad one', () => {
		expect(parseRoster([{ name: 'Ana', studentNumber: '1', timeMultiplier: 1.5 }])).toEqual([
			{ name: 'Ana', studentNumber: '1', timeMultiplier: 1.5, line: 1 }
		]);
		expect(fails([{ name: 'Ana' }, { name: '' }])).toBe('roster.1: name: must not be empty');
		expect(fails([{ name: 'Ana', timeMultiplier: 9 }])).toBe(
			'roster.0: timeMultiplier: must be at most 4'
		);
		expect(
			fails([
				{ name: 'A', studentNumber: '1' },
				{ name: 'B', studentNumber: '1' }
			])
		).toBe('roster.1: student number "1" is already on roster.0');
	});
});
