/* Read aloud through a real SDL audio device (src/app/reader.c): SDL's "disk" driver writes what
 * would reach the loudspeaker to a file, in real time, so the test hears the speech as samples. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app/reader.h"
#include "app/resources.h"
#include "audio/speech.h"
#include "ui/ui.h"
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

/* A page with a recording in Tigrinya (audio-ti): the language has no voice, yet its page offers
 * Listen, and Listen plays the recording; a page without one offers nothing. */
static void a_recording_reads_a_language_without_a_voice(void)
{
    const char *tmp = check_env("VK_TMP");
    char dir[1200], path[1400], out[1200], cmd[3000];
    snprintf(dir, sizeof dir, "%s/reader-recorded", tmp);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    CHECK(system(cmd) == 0, "a content folder");
    snprintf(path, sizeof path, "%s/side.md", dir);
    FILE *f = fopen(path, "w");
    fputs("---\ntitle: Side med lyd\naudio-ti: side-ti.ogg\n---\nTekst.\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/uden.md", dir);
    f = fopen(path, "w");
    fputs("---\ntitle: Side uden lyd\n---\nTekst.\n", f);
    fclose(f);
    /* the "recording": two seconds of a voice, as a WAV at 22050 Hz */
    speech_pcm pcm = {0};
    vk_error err = {0};
    CHECK(speech_synthesize("da", "Dette er en optagelse af siden, læst op af en person.", &pcm, &err),
          "a recording is made (%s)", err.msg);
    snprintf(path, sizeof path, "%s/side-ti.wav", dir);
    CHECK(speech_write_wav(path, &pcm, &err), "and written");
    /* as Ogg Vorbis, the usual format of a recording (oggenc: Debian's vorbis-tools) */
    snprintf(cmd, sizeof cmd, "oggenc -Q -o '%s/side-ti.ogg' '%s'", dir, path);
    CHECK(system(cmd) == 0, "and encoded as Ogg Vorbis");
    size_t recorded = pcm.count;
    speech_pcm_free(&pcm);

    snprintf(out, sizeof out, "%s/reader-recorded.raw", tmp);
    remove(out);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", out, 1);
    CHECK(SDL_Init(SDL_INIT_AUDIO) == 0, "SDL's disk audio starts");
    app_resources res;
    app_data_paths paths = {.data_dir = check_env("VELKOMMEN_DATA"), .content_dir = dir};
    CHECK(app_resources_load_paths(&res, &paths, &err), "the data with that content loads (%s)", err.msg);
    app_reader *r = app_reader_new(&res, true, &err);
    CHECK(r != NULL, "the reader opens the sound output");
    if (!r) {
        app_resources_free(&res);
        SDL_Quit();
        return;
    }
    app_reader_offer(r, &res);
    int ti = app_resources_lang_index(&res, "ti");
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.read_aloud = app_reader_command;
    env.read_ctx = r;
    ui *u = ui_new(&env, NULL);
    bool listen[2] = {false, false};
    const char *pages[2] = {"side", "uden"};
    for (int k = 0; k < 2; k++) {
        ui_show(u, UI_SCREEN_PAGE, (size_t)ti, pages[k]);
        const ui_display_list *dl = ui_frame(u, 1280, 720, NULL);
        for (size_t i = 0; dl && i < dl->target_count; i++)
            listen[k] = listen[k] || (dl->targets[i].action == UI_ACTION_READ && dl->targets[i].arg == UI_READ_START);
    }
    CHECK(listen[0] && !listen[1], "Tigrinya offers Listen on the recorded page only (%d, %d)", listen[0], listen[1]);
    ui_free(u);
    app_reader_command(r, UI_READ_START, "side", ti, -1);
    int first = app_reader_tick(r, SDL_GetTicks()), last = first;
    Uint32 t0 = SDL_GetTicks();
    while (last != UI_READING_DONE && SDL_GetTicks() - t0 < 10000) {
        SDL_Delay(50);
        last = app_reader_tick(r, SDL_GetTicks());
    }
    Uint32 took = SDL_GetTicks() - t0;
    CHECK(first == -1, "the recording plays (%d)", first);
    CHECK(last == UI_READING_DONE, "to its end (%d)", last);
    CHECK(took + 300 >= (Uint32)(recorded * 1000 / 22050), "in about its own time (%u ms for %zu samples)", took, recorded);
    app_reader_free(r);
    app_resources_free(&res);
    SDL_Quit();
    f = fopen(out, "rb");
    long loud = 0;
    short buf[4096];
    size_t got;
    while (f && (got = fread(buf, sizeof *buf, 4096, f)) > 0)
        for (size_t i = 0; i < got; i++)
            loud += abs(buf[i]) > 1000;
    if (f)
        fclose(f);
    CHECK(loud > 2000, "and reached the output (%ld loud samples)", loud);
}

int main(void)
{
    RUN(a_page_reaches_the_sound_output_and_can_be_paused_and_stopped);
    RUN(a_recording_reads_a_language_without_a_voice);
    return check_done();
}
