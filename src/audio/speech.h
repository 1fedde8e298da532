/* Offline speech synthesis with espeak-ng (Debian's libespeak-ng): text in a language's voice to
 * 16-bit mono PCM. No SDL here: the app plays the samples, `velkommen speak` writes them to a WAV.
 *
 * Which voice a language has is language metadata (the sixth field of locales/languages, "-" for
 * none): a language without a voice is never read in another language's voice; the kiosk then shows
 * no play button. espeak-ng is not thread-safe: every call here takes one lock.
 */
#ifndef VK_AUDIO_SPEECH_H
#define VK_AUDIO_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

typedef struct speech_pcm {
    int16_t *samples;
    size_t count;
    int rate; /* samples per second */
} speech_pcm;

/* Whether espeak-ng has voice (e.g. "da", "en", "ar"). False for "" and for voices not installed. */
bool speech_has_voice(const char *voice);

/* Synthesizes text (UTF-8) with voice into *out (appended to what it holds, so paragraphs can follow
 * one another). The text is first made readable (speech_prepare). False and err when the voice is
 * missing or espeak-ng fails. */
bool speech_synthesize(const char *voice, const char *text, speech_pcm *out, vk_error *err);

/* Writes what a synthesizer should read for text into a new string (caller frees): bidi isolates and
 * soft hyphens go, and numbers that are phone numbers are read group by group ("70 12 34 56" as four
 * numbers, "70123456" as four pairs), not as one big number; other numbers stay as written. */
char *speech_prepare(const char *text);

/* Silence of ms milliseconds at the end of *out (between paragraphs). */
bool speech_pause(speech_pcm *out, int rate, int ms);

/* Writes pcm as a 16-bit mono WAV file. */
bool speech_write_wav(const char *path, const speech_pcm *pcm, vk_error *err);

void speech_pcm_free(speech_pcm *pcm);

#endif
