/* Read aloud through a real SDL audio device (src/app/reader.c): SDL's "disk" driver writes what
 * would reach the loudspeaker to a file, in real time, so the test hears the speech as samples. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app/reader.h"
#include "app/resources.h"
#include "check.h"

static void a_page_reaches_the_sound_output_and_can_be_paused_and_stopped(void)
{
    char out[1200];
    snprintf(out, sizeof out, "%s/reader-disk-audio.raw", check_env("VK_TMP"));
    remove(out);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", out, 1);
    CHECK(SDL_Init(SDL_INIT_AUDIO) == 0, "SDL's disk audio starts: %s", SDL_GetError());
    app_resources res;
    CHECK(app_resources_open(&res, NULL, false), "the data loads");
    vk_error err = {0};
    app_reader *r = app_reader_new(&res, true, &err);
    CHECK(r != NULL, "the reader opens the sound output (%s)", err.msg);
    if (!r) {
        app_resources_free(&res);
        SDL_Quit();
        return;
    }
    app_reader_offer(r, &res);
    int da = app_resources_lang_index(&res, "da"), ti = app_resources_lang_index(&res, "ti");
    CHECK(res.ui_langs[da].can_read_aloud && !res.ui_langs[ti].can_read_aloud, "Danish offers Listen, Tigrinya not");
    CHECK(app_reader_tick(r, SDL_GetTicks()) == APP_READER_IDLE, "nothing is read before Listen");
    app_reader_command(r, UI_READ_START, "jobcenter/praktik", da, -1);
    /* the title lasts about 2 s at 150 words a minute, with its pause; then the first paragraph */
    int first = APP_READER_IDLE, later = APP_READER_IDLE;
    Uint32 t0 = SDL_GetTicks();
    while (SDL_GetTicks() - t0 < 6000) {
        int b = app_reader_tick(r, SDL_GetTicks());
        if (first == APP_READER_IDLE)
            first = b;
        later = b;
        if (later >= 0)
            break;
        SDL_Delay(20);
    }
    CHECK(first == -1, "it begins with the title (%d)", first);
    CHECK(later >= 0, "and goes on to the page's first block within seconds (%d)", later);
    app_reader_command(r, UI_READ_PAUSE, "jobcenter/praktik", da, -1);
    int paused_at = app_reader_tick(r, SDL_GetTicks());
    SDL_Delay(1500);
    CHECK(app_reader_tick(r, SDL_GetTicks()) == paused_at, "paused, it stays on its block");
    app_reader_command(r, UI_READ_STOP, "jobcenter/praktik", da, -1);
    CHECK(app_reader_tick(r, SDL_GetTicks()) == APP_READER_IDLE, "stopped, it reads nothing");
    app_reader_free(r);
    app_resources_free(&res);
    SDL_Quit();
    /* what reached the output: 16-bit samples, speech (not only silence) */
    FILE *f = fopen(out, "rb");
    CHECK(f != NULL, "the disk driver wrote the output");
    long loud = 0, n = 0;
    short buf[4096];
    size_t got;
    while (f && (got = fread(buf, sizeof *buf, 4096, f)) > 0)
        for (size_t i = 0; i < got; i++, n++)
            loud += abs(buf[i]) > 1000;
    if (f)
        fclose(f);
    CHECK(n > 22050, "more than a second of sound came out (%ld samples)", n);
    CHECK(loud > 2000, "and it was speech, not silence (%ld loud samples)", loud);
}

int main(void)
{
    RUN(a_page_reaches_the_sound_output_and_can_be_paused_and_stopped);
    return check_done();
}
