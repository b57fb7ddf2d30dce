import type { CitedCard } from './reader';
import type { EssayText } from './+page';

type Paragraph = EssayText['sections'][number]['paragraphs'][number];

const escape = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * A paragraph as plain markup: the sentences' spans, cited ones with their marker, count, role
 * and tab stop, and nothing to hydrate. `EssayParagraph` draws every paragraph this way and writes
 * what changes (open, highlighted, the knowledge map's tint) onto these spans.
 */
export function staticParagraphHtml(
	paragraph: Paragraph,
	citations: Map<string, CitedCard[]>
): string {
	return paragraph.sentences
		.map((sentence) => {
			const count = citations.get(sentence.id)?.length;
			if (!count) return `<span id="s-${escape(sentence.id)}">${escape(sentence.text)}</span> `;
			return (
				`<span id="s-${escape(sentence.id)}" class="cited" role="button" tabindex="0" aria-expanded="false">` +
				`${escape(sentence.text)}<span class="marker" aria-hidden="true">&#8288;${count}</span>` +
				`<span class="visually-hidden">(${count === 1 ? '1 card' : `${count} cards`})</span></span> `
			);
		})
		.join('');
}
