/** A voice as Settings lists it. */
export interface VoiceChoice {
	uri: string;
	name: string;
	lang: string;
	/** Speaks without the network (the voice is installed on the device). */
	local: boolean;
}

const english = (v: { lang: string }) => /^en\b/i.test(v.lang);

/**
 * The preferred voice: the chosen one while the browser still has it, else the first local
 * English voice (which works offline), else the browser's default English voice.
 */
export function pickVoice<
	V extends { voiceURI: string; lang: string; localService: boolean; default: boolean }
>(voices: readonly V[], chosen: string): V | undefined {
	return (
		voices.find((v) => chosen !== '' && v.voiceURI === chosen) ??
		voices.find((v) => english(v) && v.localService) ??
		voices.find((v) => english(v) && v.default) ??
		voices.find(english)
	);
}

/** Settings' list: English voices first, local (offline) before network ones, then by name. */
export function sortVoices(voices: readonly VoiceChoice[]): VoiceChoice[] {
	const rank = (v: VoiceChoice) => (english(v) ? 0 : 2) + (v.local ? 0 : 1);
	return [...voices].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Text as it should be spoken: a cloze gap ("[...]", "{{1}}", "___") is read as "blank". */
export function forSpeech(...parts: (string | undefined)[]): string {
	return parts
		.filter((p): p is string => !!p && p.trim() !== '')
		.map((p) => p.replace(/\[\.\.\.\]|\{\{\d+\}\}|_{3,}/g, 'blank').trim())
		.map((p) => (/[.!?:;…]$/.test(p) ? p : `${p}.`))
		.join(' ');
}
