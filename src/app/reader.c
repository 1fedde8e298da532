/* Read aloud in the kiosk: see reader.h. */
#include "app/reader.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <vorbis/vorbisfile.h>

#include "app/reading.h"
#include "audio/speech.h"
#include "base/file.h"

typedef struct segment {
    int block;
    size_t start, end; /* samples */
} segment;

struct app_reader {
    app_resources *res;
    SDL_AudioDeviceID device; /* 0: played on the caller's clock */
    SDL_mutex *lock;
    SDL_Thread *thread;
    /* under lock */
    int16_t *samples;
    size_t count, cap, played;
    int rate;
    segment *segs;
    size_t nsegs, segcap;
    bool cancel, synth_done, playing, paused, done_told;
    bool nothing_to_read; /* a start that found nothing to read: the UI hears "done" at the next tick */
    /* the caller's */
    app_reading reading;
    uint32_t last_ms;
    bool active;
};

/* pauses between parts, as a person reading aloud takes a breath */
#define PAUSE_AFTER_TITLE_MS 700
#define PAUSE_AFTER_PART_MS 400

static void on_audio(void *p, Uint8 *stream, int len)
{
    app_reader *r = p;
    int16_t *out = (int16_t *)stream;
    size_t want = (size_t)len / 2, got = 0;
    SDL_LockMutex(r->lock);
    if (r->playing && !r->paused && r->played < r->count) {
        got = r->count - r->played < want ? r->count - r->played : want;
        memcpy(out, r->samples + r->played, got * 2);
        r->played += got;
    }
    SDL_UnlockMutex(r->lock);
    memset(out + got, 0, (want - got) * 2); /* silence while the next part is made, or paused */
}

static int synth(void *p)
{
    app_reader *r = p;
    for (size_t i = 0; i < r->reading.count; i++) {
        SDL_LockMutex(r->lock);
        bool cancel = r->cancel;
        SDL_UnlockMutex(r->lock);
        if (cancel)
            break;
        speech_pcm pcm = {0};
        vk_error err = {0};
        const app_reading_item *it = &r->reading.items[i];
        if (!speech_synthesize(it->voice, it->text, &pcm, &err) ||
            !speech_pause(&pcm, pcm.rate, i == 0 ? PAUSE_AFTER_TITLE_MS : PAUSE_AFTER_PART_MS)) {
            SDL_Log("velkommen: read aloud: %s", err.msg);
            speech_pcm_free(&pcm);
            break;
        }
        SDL_LockMutex(r->lock);
        bool ok = true;
        if (r->count + pcm.count > r->cap) {
            size_t cap = r->cap ? r->cap : 1 << 16;
            while (cap < r->count + pcm.count)
                cap *= 2;
            int16_t *g = realloc(r->samples, cap * sizeof *g);
            ok = g != NULL;
            if (ok) {
                r->samples = g;
                r->cap = cap;
            }
        }
        if (ok && r->nsegs == r->segcap) {
            size_t cap = r->segcap ? r->segcap * 2 : 32;
            segment *g = realloc(r->segs, cap * sizeof *g);
            ok = g != NULL;
            if (ok) {
                r->segs = g;
                r->segcap = cap;
            }
        }
        if (ok) {
            memcpy(r->samples + r->count, pcm.samples, pcm.count * sizeof *pcm.samples);
            r->segs[r->nsegs++] = (segment){it->block, r->count, r->count + pcm.count};
            r->count += pcm.count;
            r->rate = pcm.rate;
        }
        SDL_UnlockMutex(r->lock);
        speech_pcm_free(&pcm);
        if (!ok)
            break;
    }
    SDL_LockMutex(r->lock);
    r->synth_done = true;
    SDL_UnlockMutex(r->lock);
    return 0;
}

/* A recorded reading (Ogg Vorbis or WAV) as 22050 Hz mono 16-bit samples, as the voice speaks. */
static bool load_recording(const char *path, int16_t **samples, size_t *count)
{
    Uint8 *raw = NULL;
    Uint32 len = 0;
    SDL_AudioSpec spec = {0};
    bool ogg = strlen(path) > 4 && SDL_strcasecmp(path + strlen(path) - 4, ".ogg") == 0;
    if (ogg) {
        /* a named pipe where the recording was must not hold the reader (base/file.h) */
        OggVorbis_File vf;
        FILE *f = vk_open_ordinary(path, NULL);
        if (!f)
            return false;
        if (ov_open(f, &vf, NULL, 0) != 0) { /* ov_clear closes f once it is open */
            fclose(f);
            return false;
        }
        vorbis_info *vi = ov_info(&vf, -1);
        spec.freq = (int)vi->rate;
        spec.channels = (Uint8)vi->channels;
        spec.format = AUDIO_S16SYS;
        size_t cap = 1 << 16;
        raw = malloc(cap);
        int section;
        long got;
        while (raw && (got = ov_read(&vf, (char *)raw + len, (int)(cap - len > 8192 ? 8192 : cap - len),
                                     SDL_BYTEORDER == SDL_BIG_ENDIAN, 2, 1, &section)) > 0) {
            len += (Uint32)got;
            if (cap - len < 8192) {
                Uint8 *g = realloc(raw, cap * 2);
                if (!g) {
                    free(raw);
                    raw = NULL;
                    break;
                }
                raw = g;
                cap *= 2;
            }
        }
        ov_clear(&vf);
        if (!raw || !len) {
            free(raw);
            return false;
        }
    } else {
        FILE *f = vk_open_ordinary(path, NULL);
        SDL_RWops *rw = f ? SDL_RWFromFP(f, SDL_TRUE) : NULL;
        if (!rw && f)
            fclose(f);
        if (!rw || !SDL_LoadWAV_RW(rw, 1, &spec, &raw, &len))
            return false;
    }
    SDL_AudioCVT cvt;
    bool ok = SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, 22050) >= 0;
    Uint8 *buf = NULL;
    if (ok) {
        cvt.len = (int)len;
        buf = malloc((size_t)len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
        ok = buf != NULL;
        if (ok) {
            memcpy(buf, raw, len);
            cvt.buf = buf;
            ok = cvt.needed ? SDL_ConvertAudio(&cvt) == 0 : (cvt.len_cvt = (int)len, true);
        }
    }
    if (ogg)
        free(raw);
    else
        SDL_FreeWAV(raw);
    if (!ok) {
        free(buf);
        return false;
    }
    *samples = (int16_t *)buf;
    *count = (size_t)cvt.len_cvt / 2;
    return true;
}

static void stop(app_reader *r)
{
    if (r->thread) {
        SDL_LockMutex(r->lock);
        r->cancel = true;
        SDL_UnlockMutex(r->lock);
        SDL_WaitThread(r->thread, NULL);
        r->thread = NULL;
    }
    if (r->device)
        SDL_PauseAudioDevice(r->device, 1);
    SDL_LockMutex(r->lock);
    r->count = r->played = r->nsegs = 0;
    r->cancel = r->synth_done = r->playing = r->paused = r->done_told = false;
    /* a page's speech is megabytes (two minutes of it, 5 MB): given back between readings */
    free(r->samples);
    r->samples = NULL;
    r->cap = 0;
    SDL_UnlockMutex(r->lock);
    app_reading_free(&r->reading);
    r->active = false;
}

app_reader *app_reader_new(app_resources *res, bool device, vk_error *err)
{
    app_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->lock = SDL_CreateMutex())) {
        free(r);
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    r->res = res;
    /* A page's speech is a buffer of megabytes, made and freed with every reading. glibc would
     * otherwise raise its mmap threshold after the first free and take the next ones from the heap,
     * where they fragment and stay; a fixed threshold keeps them mapped and given back whole. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    if (device) {
        /* espeak-ng speaks at 22050 Hz, mono, 16 bit; SDL converts to what the card takes */
        SDL_AudioSpec want = {.freq = 22050, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024,
                              .callback = on_audio, .userdata = r};
        r->device = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
        if (!r->device) {
            vk_error_set(err, NULL, 0, "no sound output: %s", SDL_GetError());
            SDL_DestroyMutex(r->lock);
            free(r);
            return NULL;
        }
    }
    return r;
}

void app_reader_free(app_reader *r)
{
    if (!r)
        return;
    stop(r);
    if (r->device)
        SDL_CloseAudioDevice(r->device);
    free(r->samples);
    free(r->segs);
    SDL_DestroyMutex(r->lock);
    free(r);
}

void app_reader_offer(app_reader *r, app_resources *res)
{
    for (size_t i = 0; i < res->langs.count; i++) {
        res->ui_langs[i].can_read_aloud = r && app_reading_available(res, (int)i);
        if (res->ui_langs[i].can_read_aloud) {
            /* each voice once now, so its dictionaries are loaded before the first visitor taps
             * Listen, and the kiosk's memory has its size from the start */
            speech_pcm warm = {0};
            speech_synthesize(res->langs.langs[i].voice, "1", &warm, NULL);
            speech_pcm_free(&warm);
        }
    }
}

void app_reader_command(void *ctx, ui_read_cmd cmd, const char *page, int lang, int from_block)
{
    app_reader *r = ctx;
    if (cmd == UI_READ_STOP || cmd == UI_READ_START)
        stop(r);
    r->nothing_to_read = false;
    if (cmd == UI_READ_START) {
        r->nothing_to_read = true; /* until something is read */
        const content_page *p = content_tree_page(&r->res->content, page);
        if (!p)
            return;
        /* a recording of the page in this language, when someone made one, before the computer voice */
        const char *rec = from_block < 0 ? content_page_recording(p, r->res->langs.langs[lang].code,
                                                                  (size_t)lang == r->res->source_lang)
                                         : NULL;
        if (rec) {
            char path[2400];
            snprintf(path, sizeof path, "%s/%s", r->res->content_dir, rec);
            int16_t *samples;
            size_t count;
            if (load_recording(path, &samples, &count)) {
                SDL_LockMutex(r->lock);
                free(r->samples);
                r->samples = samples;
                r->count = r->cap = count;
                r->rate = 22050;
                if (r->segcap == 0) {
                    r->segs = malloc(sizeof *r->segs);
                    r->segcap = r->segs ? 1 : 0;
                }
                if (r->segcap) {
                    r->segs[0] = (segment){-1, 0, count};
                    r->nsegs = 1;
                }
                r->synth_done = true;
                r->playing = true;
                SDL_UnlockMutex(r->lock);
                r->active = true;
                r->nothing_to_read = false;
                r->last_ms = 0;
                if (r->device)
                    SDL_PauseAudioDevice(r->device, 0);
                return;
            }
            SDL_Log("velkommen: the recording %s cannot be played; the computer voice reads instead", path);
        }
        if (!app_reading_make(r->res, p, lang, &r->reading))
            return;
        /* "read this": from the block under the reader's finger (the parts before it are dropped) */
        size_t skip = 0;
        while (skip < r->reading.count && r->reading.items[skip].block < from_block)
            skip++;
        for (size_t i = 0; i < skip; i++)
            free(r->reading.items[i].text);
        memmove(r->reading.items, r->reading.items + skip, (r->reading.count - skip) * sizeof *r->reading.items);
        r->reading.count -= skip;
        if (!r->reading.count) {
            app_reading_free(&r->reading);
            return;
        }
        r->playing = true;
        r->active = true;
        r->last_ms = 0;
        r->thread = SDL_CreateThread(synth, "read-aloud", r);
        if (!r->thread) {
            stop(r);
            return;
        }
        r->nothing_to_read = false;
        if (r->device)
            SDL_PauseAudioDevice(r->device, 0);
    } else if (cmd == UI_READ_PAUSE || cmd == UI_READ_RESUME) {
        SDL_LockMutex(r->lock);
        r->paused = cmd == UI_READ_PAUSE;
        SDL_UnlockMutex(r->lock);
    }
}

int app_reader_tick(app_reader *r, uint32_t now_ms)
{
    if (r && !r->active && r->nothing_to_read) {
        r->nothing_to_read = false;
        return UI_READING_DONE; /* the UI stops waiting for a reading that never began */
    }
    if (!r || !r->active)
        return APP_READER_IDLE;
    int block = APP_READER_IDLE;
    SDL_LockMutex(r->lock);
    if (!r->device && r->playing && !r->paused && r->last_ms && r->rate) {
        size_t step = (size_t)(now_ms - r->last_ms) * (size_t)r->rate / 1000, want = r->played + step;
        /* on a simulated clock, which runs far faster than the synthesis thread: wait for the speech
         * the clock has reached, as a listener would have heard it by then */
        while (want > r->count && !r->synth_done) {
            SDL_UnlockMutex(r->lock);
            SDL_Delay(1);
            SDL_LockMutex(r->lock);
        }
        r->played = want < r->count ? want : r->count;
    }
    r->last_ms = now_ms ? now_ms : 1;
    bool finished = r->synth_done && r->played >= r->count;
    if (finished) {
        block = UI_READING_DONE;
    } else {
        block = r->nsegs ? r->segs[0].block : -1;
        for (size_t i = 0; i < r->nsegs; i++)
            if (r->played >= r->segs[i].start)
                block = r->segs[i].block;
    }
    SDL_UnlockMutex(r->lock);
    if (finished)
        stop(r);
    return block;
}
