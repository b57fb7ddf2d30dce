import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseEssay } from '$lib/essay/parse';
import { FIXTURE_ESSAY, FIXTURE_SLIPS } from './fixtures';
import { DeckCompileError, formatIssue } from './issues';
import { SlipsFile } from './schema';
import { compileTimeline, parseTimeline } from './timeline';

const essay = parseEssay(FIXTURE_ESSAY);
const slips = v.parse(SlipsFile, parseYaml(FIXTURE_SLIPS)).slips;
const parse = (text: string) => parseTimeline({ text, essay, slips });
const messages = (text: string) => parse(text).issues.map(formatIssue);

const GOOD = `
- date: '1896'
  event: A treaty is signed.
  section: history
  quote: prompting a treaty in 1896
- date: 1891
  event: The railway is begun.
  section: history
  quote: In 1891, the construction of the Trans-Siberian Railway began
- date: '2024'
  event: The trade target year.
  section: risk-benefit
  quote: raise trade to $200 Million by 2024
  slip: trade-target-unit
- date: 1654-1656
  event: The first mission.
  section: history
  quote: The Cold War followed much later.
  beyond: true
- date: 1896-06-03
  event: The treaty, to the day.
  section: history
  quote: a treaty in 1896 between the two empires
`;

describe('parseTimeline', () => {
	it('orders events by date, a year before its months and days, and labels the dates', () => {
		const { timeline, issues } = parse(GOOD);
		expect(issues).toEqual([]);
		expect(timeline.events.map((e) => [e.label, e.datetime])).toEqual([
			['1654-1656', '1654'],
			['1891', '1891'],
			['1896', '1896'],
			['3 June 1896', '1896-06-03'],
			['2024', '2024']
		]);
		const [mission, railway] = timeline.events;
		expect(mission).toMatchObject({ beyond: true, sectionTitle: 'Section history' });
		expect(railway).toMatchObject({ section: 'history', sentence: 'history-1-1' });
		expect(railway).not.toHaveProperty('beyond');
		expect(timeline.events.at(-1)?.slip).toEqual({
			id: 'trade-target-unit',
			wrong: ['$200 Million'],
			right: '$200 billion',
			note: 'Evidently billions.'
		});
	});

	it('rejects a quote that is not in its section, naming file, line and entry', () => {
		const text = GOOD.replace(
			'section: history\n  quote: prompting',
			'section: conclusion\n  quote: prompting'
		);
		expect(messages(text)).toEqual([
			'questions/timeline.yaml:2 [entry 1 (1896)] timeline-quote: quote "prompting a treaty in 1896" does not occur in the section "conclusion"'
		]);
		expect(parse(text).timeline.events).toEqual([]);
	});

	it('rejects dates that do not exist or are not in a known form', () => {
		const entry = (date: string) =>
			`- date: ${date}\n  event: E\n  section: history\n  quote: In 1891\n`;
		expect(messages(entry('1991-13'))).toEqual([
			'questions/timeline.yaml:1 [entry 1 (1991-13)] timeline-date: date 1991-13: month 13 does not exist'
		]);
		expect(messages(entry('2019-02-29'))[0]).toMatch(/day 29 does not exist in February 2019/);
		expect(messages(entry('2020-02-29'))).toEqual([]);
		expect(messages(entry('1656-1654'))[0]).toMatch(/span of years must end after it starts/);
		expect(messages(entry('1960s'))[0]).toMatch(
			/timeline-format: date must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-YYYY/
		);
	});

	it('requires the slip of an erring sentence and rejects a slip about another sentence', () => {
		const unnamed = `- date: '2024'\n  event: Target.\n  section: risk-benefit\n  quote: $200 Million by 2024\n`;
		expect(messages(unnamed)).toEqual([
			'questions/timeline.yaml:1 [entry 1 (2024)] timeline-slip: the quote lies in a sentence the essay gets wrong: name its slip (trade-target-unit)'
		]);
		const wrongPlace = `- date: '2016'\n  event: Trade.\n  section: risk-benefit\n  quote: $69.6 Billion in 2016\n  slip: trade-target-unit\n`;
		expect(messages(wrongPlace)[0]).toMatch(/slip "trade-target-unit" is about another sentence/);
		const unknown = `- date: '2016'\n  event: Trade.\n  section: risk-benefit\n  quote: $69.6 Billion in 2016\n  slip: no-such-slip\n`;
		expect(messages(unknown)[0]).toMatch(/slip "no-such-slip" is not in questions\/slips.yaml/);
	});

	it('rejects unknown and missing fields, bad sections, duplicates and a file that is no list', () => {
		const text = `- date: '1891'\n  event: Railway.\n  section: history\n  quote: In 1891\n  year: 1891\n- date: '1891'\n  section: nowhere\n  quote: In 1891\n  beyond: false\n`;
		expect(messages(text)).toEqual([
			'questions/timeline.yaml:1 [entry 1 (1891)] timeline-format: year is not a field of a timeline event',
			'questions/timeline.yaml:6 [entry 2 (1891)] timeline-format: event is missing',
			expect.stringMatching(
				/^questions\/timeline.yaml:6 \[entry 2 \(1891\)\] timeline-format: section must be one of history, /
			),
			'questions/timeline.yaml:6 [entry 2 (1891)] timeline-format: beyond must be true (or left out)'
		]);
		const twice =
			`- date: '1891'\n  event: Railway.\n  section: history\n  quote: In 1891\n`.repeat(2);
		expect(messages(twice)).toEqual([
			'questions/timeline.yaml:5 [entry 2 (1891)] timeline-duplicate: repeats entry 1 (same date and event)'
		]);
		expect(messages('events: []')).toEqual([
			'questions/timeline.yaml:1 timeline-format: must be a list of events'
		]);
		expect(messages('- date: [1891')[0]).toMatch(/^questions\/timeline.yaml:1 yaml-syntax: /);
	});

	it('compileTimeline throws every problem at once', () => {
		expect(() => compileTimeline({ text: '[]', essay, slips })).toThrow(DeckCompileError);
		expect(() => compileTimeline({ text: '[]', essay, slips })).toThrow(/lists no events/);
	});
});

describe('questions/timeline.yaml', () => {
	const real = () =>
		compileTimeline({
			text: readFileSync('questions/timeline.yaml', 'utf8'),
			essay: parseEssay(readFileSync('questions/essay.md', 'utf8')),
			slips: v.parse(SlipsFile, parseYaml(readFileSync('questions/slips.yaml', 'utf8'))).slips
		});

	it('compiles against the essay and the slips, in order, with the real dates', () => {
		const events = real().events;
		const labels = events.map((e) => e.label);
		expect(labels[0]).toBe('1654-1656');
		for (const date of ['1891', '1896', '1911', '1917', '1 October 1949', '14 February 1950']) {
			expect(labels).toContain(date);
		}
		const find = (text: string) => events.find((e) => e.event.includes(text));
		// The essay's wrong dates are shown with the real one and the slip that corrects them.
		for (const [text, label, slip] of [
			['Khrushchev', 'September 1953', 'khrushchev-rise'],
			['Nixon', 'February 1972', 'us-china-rapprochement'],
			['inaugurated', '7 May 2000', 'putin-first-term'],
			['Power of Siberia', '2 December 2019', 'gas-start-2018']
		]) {
			expect(find(text!), text).toMatchObject({ label, slip: { id: slip } });
		}
		const years = events.map((e) => Number(e.datetime.slice(0, 4)));
		expect(years).toEqual([...years].sort((a, b) => a - b));
	});
});
