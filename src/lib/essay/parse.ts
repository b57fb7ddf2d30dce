import { parse as parseYaml } from 'yaml';
import { DeckCompileError, type BankIssue } from '$lib/decks/issues';
import { normalizeText, splitSentences } from '$lib/decks/text';
import { SECTION_SLUGS, type EssayMeta, type SectionSlug } from '$lib/decks/types';

export interface EssaySentence {
	/** `<section>-<paragraph>-<sentence>`, 1-based; stable while the essay text is. */
	id: string;
	text: string;
}

export interface EssayParagraph {
	sentences: EssaySentence[];
}

export interface EssaySection {
	slug: SectionSlug;
	title: string;
	paragraphs: EssayParagraph[];
	/** The section's text, normalised, for quote matching. */
	normalized: string;
}

export interface Essay {
	meta: EssayMeta & { series?: string; url?: string };
	intro: string[];
	sections: EssaySection[];
	references: string[];
}

const HEADING = /^##\s+(.+?)\s*\{#([a-z0-9-]+)\}\s*$/;
const REFERENCES_SLUG = 'works-cited';

function readMeta(frontMatter: string, file: string): Essay['meta'] {
	const meta = parseYaml(frontMatter) as Record<string, unknown> | null;
	const fields = ['title', 'author', 'publisher', 'date'] as const;
	const missing = fields.filter((f) => typeof meta?.[f] !== 'string' || meta[f] === '');
	if (!meta || missing.length > 0) {
		throw new DeckCompileError([
			{ file, line: 1, rule: 'essay-attribution', message: `missing ${missing.join(', ')}` }
		]);
	}
	return meta as unknown as Essay['meta'];
}

/**
 * Parses questions/essay.md: YAML front matter with the attribution, an introduction, `##`
 * sections each ending in `{#slug}`, and the works cited. Lines starting with `> ` are photo
 * captions and are left out of the study text.
 */
export function parseEssay(markdown: string, file = 'questions/essay.md'): Essay {
	const fm = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
	if (!fm) {
		throw new DeckCompileError([
			{ file, line: 1, rule: 'essay-attribution', message: 'no front matter' }
		]);
	}
	const meta = readMeta(fm[1] ?? '', file);
	const lines = markdown.slice(fm[0].length).split('\n');
	const intro: string[] = [];
	const references: string[] = [];
	const sections: EssaySection[] = [];
	const bodies: { slug: string; title: string; paragraphs: string[]; line: number }[] = [];
	const lineOffset = fm[0].split('\n').length - 1;
	let current: (typeof bodies)[number] | undefined;

	for (const [i, raw] of lines.entries()) {
		const line = raw.trim();
		const heading = HEADING.exec(line);
		if (heading) {
			current = {
				slug: heading[2] ?? '',
				title: heading[1] ?? '',
				paragraphs: [],
				line: i + 1 + lineOffset
			};
			bodies.push(current);
		} else if (line !== '' && !line.startsWith('>') && !line.startsWith('# ')) {
			(current ? current.paragraphs : intro).push(line);
		}
	}

	const issues: BankIssue[] = [];
	for (const body of bodies) {
		if (body.slug === REFERENCES_SLUG) {
			references.push(...body.paragraphs);
			continue;
		}
		if (!(SECTION_SLUGS as readonly string[]).includes(body.slug)) {
			issues.push({
				file,
				line: body.line,
				rule: 'unknown-section',
				message: `heading slug "${body.slug}" is not one of ${SECTION_SLUGS.join(', ')}`
			});
			continue;
		}
		const slug = body.slug as SectionSlug;
		const paragraphs = body.paragraphs.map((p, pi) => ({
			sentences: splitSentences(p).map((text, si) => ({ id: `${slug}-${pi + 1}-${si + 1}`, text }))
		}));
		sections.push({
			slug,
			title: body.title,
			paragraphs,
			normalized: normalizeText(body.paragraphs.join(' '))
		});
	}
	const found = sections.map((s) => s.slug);
	for (const slug of SECTION_SLUGS) {
		if (!found.includes(slug)) {
			issues.push({ file, rule: 'missing-section', message: `no section with slug "${slug}"` });
		}
	}
	if (issues.length > 0) throw new DeckCompileError(issues);
	sections.sort((a, b) => SECTION_SLUGS.indexOf(a.slug) - SECTION_SLUGS.indexOf(b.slug));
	return { meta, intro, sections, references };
}
