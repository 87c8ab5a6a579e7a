/** Phone sounds: DTMF tones for key presses (Web Audio) and prompts read aloud (speech synthesis). */

const DTMF: Record<string, [number, number]> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477],
  '4': [770, 1209], '5': [770, 1336], '6': [770, 1477],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477],
  '*': [941, 1209], '0': [941, 1336], '#': [941, 1477]
};

let context: AudioContext | undefined;

/** Plays a key's two DTMF frequencies for 150 ms. */
export function playTone(key: string): void {
  const pair = DTMF[key];
  if (pair === undefined || typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    const gain = context.createGain();
    gain.gain.value = 0.08;
    gain.connect(context.destination);
    const stop = context.currentTime + 0.15;
    for (const frequency of pair) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      oscillator.stop(stop);
    }
  } catch {
    // No audio device: the keypad still works.
  }
}

export function speak(text: string, locale: string): void {
  if (typeof speechSynthesis === 'undefined' || text.trim() === '') return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale;
  speechSynthesis.speak(utterance);
}

export function stopSpeaking(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
