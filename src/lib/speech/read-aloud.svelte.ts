import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { storage } from '$lib/storage/connection.svelte';
import { pickVoice, type VoiceChoice } from './voices';

/**
 * Read aloud with the browser's speech synthesis, shared by every button: one text at a time,
 * in the student's voice and rate. Where the browser has no speech synthesis, or no voice,
 * `available` stays false and the buttons are not shown.
 */
class ReadAloud {
	/** The browser can speak: speechSynthesis exists and has at least one voice. */
	available = $state(false);
	voices = $state.raw<VoiceChoice[]>([]);
	/** The id of what is being read now, or null. */
	speaking = $state<string | null>(null);
	voice = $state(DEFAULT_SETTINGS.readAloud.voice);
	rate = $state(DEFAULT_SETTINGS.readAloud.rate);
	#started = false;

	/** Looks for speech synthesis and reads the student's voice and rate; once per page load. */
	start(): void {
		if (this.#started || typeof window === 'undefined') return;
		this.#started = true;
		const synth = window.speechSynthesis;
		if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
		const list = () => {
			this.voices = synth.getVoices().map((v) => ({
				uri: v.voiceURI,
				name: v.name,
				lang: v.lang,
				local: v.localService
			}));
			this.available = this.voices.length > 0;
		};
		list();
		// Chromium lists its voices a moment after the page asks.
		synth.addEventListener?.('voiceschanged', list);
		storage
			.settings()
			.then((s) => {
				this.voice = s.readAloud.voice;
				this.rate = s.readAloud.rate;
			})
			.catch((error: unknown) => storage.report(error));
		// Leaving the page stops the voice, as a page that has gone should.
		window.addEventListener('pagehide', () => this.stop());
	}

	/** Reads `text` aloud as `id`, stopping whatever was being read. */
	speak(id: string, text: string): void {
		const synth = window.speechSynthesis;
		if (!this.available || !synth) return;
		synth.cancel();
		const utterance = new SpeechSynthesisUtterance(text);
		const voice = pickVoice(synth.getVoices(), this.voice);
		if (voice) utterance.voice = voice;
		utterance.lang = voice?.lang ?? 'en';
		utterance.rate = this.rate;
		const done = () => {
			if (this.speaking === id) this.speaking = null;
		};
		utterance.addEventListener('end', done);
		utterance.addEventListener('error', done);
		this.speaking = id;
		synth.speak(utterance);
	}

	stop(): void {
		if (this.speaking === null) return;
		this.speaking = null;
		window.speechSynthesis?.cancel();
	}

	/** Starts reading `text`, or stops when `id` is already being read. */
	toggle(id: string, text: string): void {
		if (this.speaking === id) this.stop();
		else this.speak(id, text);
	}
}

export const readAloud = new ReadAloud();
