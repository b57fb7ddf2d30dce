import { describe, expect, it } from 'vitest';
import { forSpeech, pickVoice, sortVoices } from './voices';

const voice = (voiceURI: string, lang: string, localService: boolean, isDefault = false) => ({
	voiceURI,
	lang,
	localService,
	default: isDefault
});

const VOICES = [
	voice('net-fr', 'fr-FR', false, true),
	voice('net-en', 'en-US', false, true),
	voice('local-en', 'en-GB', true),
	voice('local-de', 'de-DE', true)
];

describe('pickVoice', () => {
	it('takes the chosen voice while the browser has it', () => {
		expect(pickVoice(VOICES, 'local-de')?.voiceURI).toBe('local-de');
	});

	it('otherwise prefers a local English voice, which works offline', () => {
		expect(pickVoice(VOICES, '')?.voiceURI).toBe('local-en');
		expect(pickVoice(VOICES, 'gone')?.voiceURI).toBe('local-en');
	});

	it('falls back to the default English voice, then any English one, then none', () => {
		expect(pickVoice(VOICES.slice(0, 2), '')?.voiceURI).toBe('net-en');
		expect(pickVoice([voice('x', 'en-IN', false)], '')?.voiceURI).toBe('x');
		expect(pickVoice([voice('y', 'fr-FR', true)], '')).toBeUndefined();
	});
});

describe('sortVoices', () => {
	it('lists English voices first, local before network, then by name', () => {
		const sorted = sortVoices([
			{ uri: '1', name: 'Zed', lang: 'fr-FR', local: true },
			{ uri: '2', name: 'Bea', lang: 'en-US', local: false },
			{ uri: '3', name: 'Cal', lang: 'en-GB', local: true },
			{ uri: '4', name: 'Ann', lang: 'en-AU', local: true }
		]);
		expect(sorted.map((v) => v.name)).toEqual(['Ann', 'Cal', 'Bea', 'Zed']);
	});
});

describe('forSpeech', () => {
	it('reads gaps as "blank" and ends each part as a sentence', () => {
		expect(forSpeech('In 1891 the [...] Railway began', undefined, '', 'Trans-Siberian')).toBe(
			'In 1891 the blank Railway began. Trans-Siberian.'
		);
		expect(forSpeech('Who signed {{1}} and ___?')).toBe('Who signed blank and blank?');
	});
});
