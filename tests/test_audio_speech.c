/* Reading aloud (src/audio/speech.c, src/app/reading.c): what the synthesizer is given, which
 * languages have a voice, and that a page comes out as speech. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/reading.h"
#include "app/resources.h"
#include "audio/speech.h"
#include "check.h"

static void said_as(const char *text, const char *want)
{
    char *got = speech_prepare(text);
    CHECK(got && strcmp(got, want) == 0, "\"%s\" is read as \"%s\", not \"%s\"", text, want, got ? got : "(null)");
    free(got);
}

static void phone_numbers_are_read_group_by_group(void)
{
    said_as("Ring på 70 12 34 56.", "Ring på 70, 12, 34, 56.");
    said_as("Ring på 70123456.", "Ring på 70, 12, 34, 56.");
    said_as("+45 70 12 34 56", "+45, 70, 12, 34, 56");
    said_as("Ring 112 eller 1813", "Ring 112 eller 1813");        /* short numbers as they are said */
    said_as("den 12.03.2026 kl. 10:30", "den 12.03.2026 kl. 10:30"); /* dates and times stay */
    said_as("1.234,50 kr.", "1.234,50 kr.");
    said_as("Version2 og 3 uger", "Version2 og 3 uger");
    /* the isolates the kiosk puts around numbers in Arabic (i18n_isolate_ltr) are not read */
    said_as("اتصل \xE2\x81\xA6" "70 12 34 56\xE2\x81\xA9.", "اتصل 70, 12, 34, 56.");
    said_as("blød\xC2\xAD" "bindestreg", "blødbindestreg");
}

static void only_languages_with_a_voice_are_read(void)
{
    CHECK(speech_has_voice("da") && speech_has_voice("en") && speech_has_voice("ar"),
          "espeak-ng reads Danish, English and Arabic");
    CHECK(!speech_has_voice("") && !speech_has_voice("xx-none"), "no voice is no voice");
    app_resources res;
    CHECK(app_resources_open(&res, NULL, false), "the data loads");
    int da = app_resources_lang_index(&res, "da"), ar = app_resources_lang_index(&res, "ar"),
        ti = app_resources_lang_index(&res, "ti");
    CHECK(app_reading_available(&res, da) && app_reading_available(&res, ar), "Danish and Arabic can be read aloud");
    CHECK(!app_reading_available(&res, ti), "Tigrinya has no voice: no play button, never another language's voice");
    const content_page *p = content_tree_page(&res.content, "jobcenter/praktik");
    app_reading r = {0};
    CHECK(p && app_reading_make(&res, p, ar, &r), "the Arabic reading is made");
    CHECK(r.count > 4 && r.items[0].block == -1 && strcmp(r.items[0].voice, "ar") == 0,
          "it starts with the title, in the Arabic voice (%zu items)", r.count);
    bool ordered = true, step = false;
    for (size_t i = 1; i < r.count; i++) {
        ordered = ordered && r.items[i].block > r.items[i - 1].block;
        step = step || strncmp(r.items[i].text, "1. ", 3) == 0;
    }
    CHECK(ordered, "then the blocks in the order they are shown");
    CHECK(step, "a step is read with its number");
    speech_pcm pcm = {0};
    vk_error err = {0};
    CHECK(speech_synthesize(r.items[0].voice, r.items[0].text, &pcm, &err), "the title is spoken (%s)", err.msg);
    CHECK(pcm.rate > 8000 && pcm.count > (size_t)pcm.rate / 2, "half a second of speech or more (%zu samples at %d Hz)",
          pcm.count, pcm.rate);
    size_t before = pcm.count;
    CHECK(speech_pause(&pcm, pcm.rate, 400) && pcm.count == before + (size_t)pcm.rate * 400 / 1000,
          "a pause is that many samples of silence");
    char wav[1200];
    snprintf(wav, sizeof wav, "%s/speech-test.wav", check_env("VK_TMP"));
    CHECK(speech_write_wav(wav, &pcm, &err), "the WAV is written");
    FILE *f = fopen(wav, "rb");
    unsigned char h[44] = {0};
    CHECK(f && fread(h, 1, 44, f) == 44, "and read back");
    if (f)
        fclose(f);
    unsigned rate = h[24] | h[25] << 8 | h[26] << 16 | (unsigned)h[27] << 24;
    unsigned bytes = h[40] | h[41] << 8 | h[42] << 16 | (unsigned)h[43] << 24;
    CHECK(memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WAVEfmt ", 8) == 0 && h[22] == 1 && h[34] == 16,
          "a 16-bit mono WAV");
    CHECK(rate == (unsigned)pcm.rate && bytes == pcm.count * 2, "with the rate and length of the speech");
    speech_pcm_free(&pcm);
    app_reading_free(&r);
    app_resources_free(&res);
}

int main(void)
{
    RUN(phone_numbers_are_read_group_by_group);
    RUN(only_languages_with_a_voice_are_read);
    return check_done();
}
