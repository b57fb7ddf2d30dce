import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { SlipsFile } from '$lib/decks/schema';
import { compileTimeline, TIMELINE_FILE, type Timeline } from '$lib/decks/timeline';
import { getDecks } from './decks';

// Bundled at build time like the question banks: a bad timeline fails the build.
const files = import.meta.glob(['/questions/timeline.yaml', '/questions/slips.yaml'], {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

let compiled: Timeline | undefined;

/** The essay's timeline (questions/timeline.yaml), checked against the essay and its slips. */
export function getTimeline(): Timeline {
	if (compiled) return compiled;
	// The decks compile first: they report a bad essay or slips file with every detail.
	const { essay } = getDecks();
	const slips = v.parse(SlipsFile, parseYaml(files['/questions/slips.yaml'] ?? '')).slips;
	const text = files[`/${TIMELINE_FILE}`];
	if (text === undefined) throw new Error(`${TIMELINE_FILE} is missing`);
	compiled = compileTimeline({ text, essay, slips });
	return compiled;
}
