/* Speech synthesis with espeak-ng: see speech.h. */
#include "audio/speech.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

/* newcomers listen in a language they are learning, or read little: a little slower than espeak's
 * 175 words a minute */
#define SPEECH_RATE 150

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int sample_rate;      /* 0: not initialised, -1: espeak-ng could not start */
static speech_pcm *target;   /* where the callback appends; under lock */
static bool target_oom;

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    if (!wav || n <= 0 || !target)
        return 0;
    int16_t *g = realloc(target->samples, (target->count + (size_t)n) * sizeof *g);
    if (!g) {
        target_oom = true;
        return 1; /* stop */
    }
    memcpy(g + target->count, wav, (size_t)n * sizeof *g);
    target->samples = g;
    target->count += (size_t)n;
    return 0;
}

/* Under lock. */
static bool start(void)
{
    if (sample_rate == 0) {
        sample_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
        if (sample_rate <= 0)
            sample_rate = -1;
        else
            espeak_SetSynthCallback(on_samples);
    }
    return sample_rate > 0;
}

/* What speech_has_voice found, per voice name: asking espeak-ng loads the voice (its dictionary),
 * which a page's reading would otherwise do for every paragraph. Under lock. */
static struct {
    char name[32];
    bool has;
} known[16];
static int known_count;

bool speech_has_voice(const char *voice)
{
    if (!voice || !*voice || strlen(voice) >= sizeof known[0].name)
        return false;
    pthread_mutex_lock(&lock);
    int i = 0;
    while (i < known_count && strcmp(known[i].name, voice) != 0)
        i++;
    bool ok;
    if (i < known_count) {
        ok = known[i].has;
    } else {
        ok = start() && espeak_SetVoiceByName(voice) == EE_OK;
        if (known_count < (int)(sizeof known / sizeof *known)) {
            snprintf(known[known_count].name, sizeof known[0].name, "%s", voice);
            known[known_count++].has = ok;
        }
    }
    pthread_mutex_unlock(&lock);
    return ok;
}

static bool put(char **s, size_t *n, size_t *cap, const char *add, size_t len)
{
    if (*n + len + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        while (c < *n + len + 1)
            c *= 2;
        char *g = realloc(*s, c);
        if (!g)
            return false;
        *s = g;
        *cap = c;
    }
    memcpy(*s + *n, add, len);
    *n += len;
    (*s)[*n] = 0;
    return true;
}

/* A run of digits in groups separated by single spaces or hyphens, perhaps after a '+': its end, the
 * number of groups and of digits. Stops before a '.', ',' or ':' (dates, amounts, times). */
static size_t number_run(const char *s, int *groups, int *digits)
{
    size_t i = 0;
    *groups = 0;
    *digits = 0;
    if (s[i] == '+')
        i++;
    while (isdigit((unsigned char)s[i])) {
        while (isdigit((unsigned char)s[i])) {
            i++;
            (*digits)++;
        }
        (*groups)++;
        if ((s[i] == ' ' || s[i] == '-') && isdigit((unsigned char)s[i + 1]))
            i++;
        else
            break;
    }
    /* "12.03.2026", "1.234,50", "10:30": not a phone number */
    if ((s[i] == '.' || s[i] == ',' || s[i] == ':') && isdigit((unsigned char)s[i + 1]))
        *groups = -1;
    return i;
}

char *speech_prepare(const char *text)
{
    char *out = NULL;
    size_t n = 0, cap = 0;
    if (!put(&out, &n, &cap, "", 0))
        return NULL;
    const char *s = text;
    bool after_digit_or_letter = false;
    while (*s) {
        const unsigned char c = (unsigned char)*s;
        /* U+2066..U+2069 isolates, U+200E/U+200F marks: E2 81 A6..A9, E2 80 8E/8F; U+00AD soft hyphen */
        if (c == 0xE2 && (unsigned char)s[1] == 0x81 && (unsigned char)s[2] >= 0xA6 && (unsigned char)s[2] <= 0xA9) {
            s += 3;
            continue;
        }
        if (c == 0xE2 && (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x8E || (unsigned char)s[2] == 0x8F)) {
            s += 3;
            continue;
        }
        if (c == 0xC2 && (unsigned char)s[1] == 0xAD) {
            s += 2;
            continue;
        }
        if (c == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xA8) { /* line separator */
            if (!put(&out, &n, &cap, ", ", 2))
                goto oom;
            s += 3;
            continue;
        }
        if ((isdigit(c) || (c == '+' && isdigit((unsigned char)s[1]))) && !after_digit_or_letter) {
            int groups, digits;
            size_t len = number_run(s, &groups, &digits);
            bool phone = groups > 0 && (digits >= 8 || groups >= 3);
            if (!phone) {
                if (!put(&out, &n, &cap, s, len))
                    goto oom;
            } else {
                /* group by group, with a short pause between: "70, 12, 34, 56"; one long group in pairs */
                bool first = true;
                for (size_t i = 0; i < len;) {
                    if (s[i] == '+') {
                        if (!put(&out, &n, &cap, "+", 1))
                            goto oom;
                        i++;
                        continue;
                    }
                    size_t g = i;
                    while (g < len && isdigit((unsigned char)s[g]))
                        g++;
                    size_t step = groups == 1 ? 2 : g - i;
                    for (size_t k = i; k < g; k += step) {
                        size_t m = k + step <= g ? step : g - k;
                        if ((!first && !put(&out, &n, &cap, ", ", 2)) || !put(&out, &n, &cap, s + k, m))
                            goto oom;
                        first = false;
                    }
                    i = g < len ? g + 1 : g;
                }
            }
            s += len;
            after_digit_or_letter = true;
            continue;
        }
        after_digit_or_letter = isalnum(c) || c >= 0x80;
        if (!put(&out, &n, &cap, s, 1))
            goto oom;
        s++;
    }
    return out;
oom:
    free(out);
    return NULL;
}

bool speech_synthesize(const char *voice, const char *text, speech_pcm *out, vk_error *err)
{
    char *ready = speech_prepare(text);
    if (!ready)
        return vk_error_set(err, NULL, 0, "out of memory");
    pthread_mutex_lock(&lock);
    bool ok = false;
    if (!start()) {
        vk_error_set(err, NULL, 0, "espeak-ng cannot start (is the espeak-ng-data package installed?)");
    } else if (!voice || !*voice || espeak_SetVoiceByName(voice) != EE_OK) {
        vk_error_set(err, NULL, 0, "espeak-ng has no voice '%s'", voice ? voice : "");
    } else {
        espeak_SetParameter(espeakRATE, SPEECH_RATE, 0);
        target = out;
        target_oom = false;
        out->rate = sample_rate;
        espeak_ERROR e = espeak_Synth(ready, strlen(ready) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
        if (e == EE_OK)
            e = espeak_Synchronize();
        target = NULL;
        ok = e == EE_OK && !target_oom;
        if (!ok)
            vk_error_set(err, NULL, 0, target_oom ? "out of memory" : "espeak-ng could not read the text (error %d)",
                         (int)e);
    }
    pthread_mutex_unlock(&lock);
    free(ready);
    return ok;
}

bool speech_pause(speech_pcm *out, int rate, int ms)
{
    size_t n = (size_t)rate * (size_t)ms / 1000;
    int16_t *g = realloc(out->samples, (out->count + n) * sizeof *g);
    if (!g)
        return false;
    memset(g + out->count, 0, n * sizeof *g);
    out->samples = g;
    out->count += n;
    out->rate = rate;
    return true;
}

static void le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

bool speech_write_wav(const char *path, const speech_pcm *pcm, vk_error *err)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return vk_error_set(err, path, 0, "cannot write the recording");
    uint32_t bytes = (uint32_t)(pcm->count * 2), rate = (uint32_t)pcm->rate;
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    le32(h + 4, 36 + bytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    le32(h + 16, 16);
    h[20] = 1, h[21] = 0; /* PCM */
    h[22] = 1, h[23] = 0; /* mono */
    le32(h + 24, rate);
    le32(h + 28, rate * 2);
    h[32] = 2, h[33] = 0;  /* block align */
    h[34] = 16, h[35] = 0; /* bits */
    memcpy(h + 36, "data", 4);
    le32(h + 40, bytes);
    bool ok = fwrite(h, 1, sizeof h, f) == sizeof h;
    /* little-endian samples, whatever the machine */
    for (size_t i = 0; ok && i < pcm->count; i++) {
        unsigned char b[2] = {(unsigned char)(pcm->samples[i] & 0xFF), (unsigned char)((uint16_t)pcm->samples[i] >> 8)};
        ok = fwrite(b, 1, 2, f) == 2;
    }
    ok = fclose(f) == 0 && ok;
    if (!ok)
        return vk_error_set(err, path, 0, "cannot write the recording");
    return true;
}

void speech_pcm_free(speech_pcm *pcm)
{
    free(pcm->samples);
    pcm->samples = NULL;
    pcm->count = 0;
}
