import * as v from 'valibot';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { locateQuote } from '../essay/locate';
import type { Essay } from '$lib/essay/parse';
import { DeckCompileError, type BankIssue } from './issues';
import type { Slip } from './schema';
import { normalizeText } from './text';
import { SECTION_SLUGS, type SectionSlug } from './types';

export const TIMELINE_FILE = 'questions/timeline.yaml';

/** `1896`, `1991-08`, `2014-05-21` or a span of years `1654-1656`. */
const DATE = /^(\d{4})(?:-(\d{4})|-(\d{2})(?:-(\d{2}))?)?$/;

const Text = v.pipe(
	v.union([v.string(), v.number()], 'must be text'),
	v.transform((value) => String(value).trim()),
	v.nonEmpty('must not be empty')
);

const RawEvent = v.strictObject({
	date: v.pipe(
		v.union([v.string(), v.number()], 'must be a date'),
		v.transform(String),
		v.regex(DATE, 'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-YYYY')
	),
	event: Text,
	section: v.picklist(SECTION_SLUGS, `must be one of ${SECTION_SLUGS.join(', ')}`),
	quote: Text,
	slip: v.optional(v.pipe(v.string('must be a slip id'), v.nonEmpty('must not be empty'))),
	beyond: v.optional(v.literal(true, 'must be true (or left out)'))
});

/** One dated event as the timeline view shows it. */
export interface TimelineEvent {
	/** The date as written in the file (`1991-08`): also a valid `<time datetime>` but for spans. */
	date: string;
	/** The date for display: `1896`, `August 1991`, `21 May 2014`, `1654-1656`. */
	label: string;
	/** A `<time datetime>` value: the date, or a span's first year. */
	datetime: string;
	event: string;
	section: SectionSlug;
	sectionTitle: string;
	quote: string;
	/** The essay sentence the quote starts in, for `/essay#s-<id>`. */
	sentence: string;
	/** The essay error in the quoted sentence, shown corrected. */
	slip?: { id: string; wrong: string[]; right: string; note: string };
	/** The essay does not give this event itself: the real record behind what it says. */
	beyond?: true;
}

export interface Timeline {
	events: TimelineEvent[];
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

interface ParsedDate {
	key: [number, number, number];
	label: string;
	datetime: string;
}

/** Reads a date that matched {@link DATE}; a message when it is not a real date. */
function readDate(date: string): ParsedDate | string {
	const [, y, until, m, d] = DATE.exec(date) ?? [];
	const year = Number(y);
	if (until !== undefined) {
		if (Number(until) <= year) return 'a span of years must end after it starts';
		return { key: [year, 0, 0], label: `${y}-${until}`, datetime: String(y) };
	}
	if (m === undefined) return { key: [year, 0, 0], label: String(y), datetime: date };
	const month = Number(m);
	if (month < 1 || month > 12) return `month ${m} does not exist`;
	if (d === undefined) {
		return { key: [year, month, 0], label: `${MONTHS[month - 1]} ${y}`, datetime: date };
	}
	const day = Number(d);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (day < 1 || day > daysInMonth) return `day ${d} does not exist in ${MONTHS[month - 1]} ${y}`;
	return { key: [year, month, day], label: `${day} ${MONTHS[month - 1]} ${y}`, datetime: date };
}

function compareKeys(a: ParsedDate['key'], b: ParsedDate['key']): number {
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export interface TimelineSources {
	text: string;
	essay: Pick<Essay, 'sections'>;
	slips: readonly Slip[];
	file?: string;
}

/**
 * Validates and compiles questions/timeline.yaml: a list of `{ date, event, section, quote, slip?,
 * beyond? }`. Every quote must occur in its section; a quote in a sentence the slips register as an
 * error must name that slip, and a named slip must be about the quoted sentence. Returns the events
 * in chronological order (file order within a date) and every problem found, each naming file,
 * line and entry; `events` is empty when there is any problem.
 */
export function parseTimeline(sources: TimelineSources): {
	timeline: Timeline;
	issues: BankIssue[];
} {
	const file = sources.file ?? TIMELINE_FILE;
	const issues: BankIssue[] = [];
	const empty = { timeline: { events: [] }, issues };
	const lineCounter = new LineCounter();
	const doc = parseDocument(sources.text, { lineCounter, prettyErrors: false });
	const lineOf = (offset: number | undefined) =>
		offset === undefined ? undefined : lineCounter.linePos(offset).line;
	if (doc.errors.length > 0) {
		for (const error of doc.errors) {
			issues.push({
				file,
				line: lineOf(error.pos[0]),
				rule: 'yaml-syntax',
				message: error.message.split('\n')[0] ?? error.message
			});
		}
		return empty;
	}
	const root = doc.contents;
	if (!isSeq(root)) {
		issues.push({ file, line: 1, rule: 'timeline-format', message: 'must be a list of events' });
		return empty;
	}
	const raw = doc.toJS() as unknown[];
	const slips = new Map(sources.slips.map((s) => [s.id, s]));
	const titles = new Map(sources.essay.sections.map((s) => [s.slug as string, s.title]));
	const seen = new Map<string, number>();
	const events: { event: TimelineEvent; key: ParsedDate['key']; order: number }[] = [];

	raw.forEach((entry, index) => {
		const node = root.items[index] as { range?: number[] } | undefined;
		const line = lineOf(node?.range?.[0]) ?? 1;
		const record = (entry ?? {}) as Record<string, unknown>;
		const name = `entry ${index + 1}${record.date !== undefined ? ` (${String(record.date)})` : ''}`;
		const problem = (rule: string, message: string) =>
			issues.push({ file, line, itemId: name, rule, message });
		const parsed = v.safeParse(RawEvent, entry);
		if (!parsed.success) {
			for (const issue of parsed.issues) {
				const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
				const message =
					issue.kind === 'schema' && issue.type === 'strict_object' && issue.input !== undefined
						? 'is not a field of a timeline event'
						: issue.input === undefined
							? 'is missing'
							: issue.message;
				problem('timeline-format', `${field || 'entry'} ${message}`);
			}
			return;
		}
		const e = parsed.output;
		const date = readDate(e.date);
		if (typeof date === 'string') return problem('timeline-date', `date ${e.date}: ${date}`);
		const sentences = locateQuote(sources.essay.sections, e.section, e.quote);
		if (sentences.length === 0) {
			return problem(
				'timeline-quote',
				`quote "${e.quote}" does not occur in the section "${e.section}"`
			);
		}
		const duplicate = `${e.date} ${normalizeText(e.event).toLowerCase()}`;
		if (seen.has(duplicate)) {
			return problem(
				'timeline-duplicate',
				`repeats entry ${seen.get(duplicate)} (same date and event)`
			);
		}
		seen.set(duplicate, index + 1);
		// Slips whose erring sentence the quote overlaps.
		const slipsHere = sources.slips.filter(
			(s) =>
				s.section === e.section &&
				locateQuote(sources.essay.sections, s.section, s.quote).some((id) => sentences.includes(id))
		);
		let slip: TimelineEvent['slip'];
		if (e.slip !== undefined) {
			const named = slips.get(e.slip);
			if (!named)
				return problem('timeline-slip', `slip "${e.slip}" is not in questions/slips.yaml`);
			if (!slipsHere.includes(named)) {
				return problem(
					'timeline-slip',
					`slip "${e.slip}" is about another sentence than the quote`
				);
			}
			slip = { id: named.id, wrong: named.wrong, right: named.right, note: named.note };
		} else if (slipsHere.length > 0) {
			return problem(
				'timeline-slip',
				`the quote lies in a sentence the essay gets wrong: name its slip (${slipsHere.map((s) => s.id).join(' or ')})`
			);
		}
		const event: TimelineEvent = {
			date: e.date,
			label: date.label,
			datetime: date.datetime,
			event: e.event,
			section: e.section,
			sectionTitle: titles.get(e.section) ?? e.section,
			quote: e.quote,
			sentence: sentences[0]!,
			...(slip ? { slip } : {}),
			...(e.beyond ? { beyond: true as const } : {})
		};
		events.push({ event, key: date.key, order: index });
	});
	if (raw.length === 0) {
		issues.push({ file, line: 1, rule: 'timeline-format', message: 'lists no events' });
	}
	if (issues.length > 0) return empty;
	events.sort((a, b) => compareKeys(a.key, b.key) || a.order - b.order);
	return {
		timeline: { events: events.map((e) => e.event) },
		issues
	};
}

/** {@link parseTimeline}, throwing a {@link DeckCompileError} listing every problem. */
export function compileTimeline(sources: TimelineSources): Timeline {
	const { timeline, issues } = parseTimeline(sources);
	if (issues.length > 0) throw new DeckCompileError(issues);
	return timeline;
}
