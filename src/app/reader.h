/* Read aloud in the kiosk: ui_env.read_aloud's other end. A page's reading (app/reading.h) is
 * synthesized on a thread of its own, paragraph by paragraph, while the first ones already play, so
 * the frame rate does not change while it speaks; the UI is told which block is being heard.
 *
 * With a sound device (the kiosk) SDL's audio callback plays the samples and counts them; without one
 * (velkommen script, tests) the samples are "played" on the caller's clock, so a script on its
 * simulated clock hears the page at the speed a person would, in milliseconds.
 */
#ifndef VK_APP_READER_H
#define VK_APP_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "app/resources.h"
#include "base/error.h"
#include "ui/ui.h"

typedef struct app_reader app_reader;

/* device: open SDL's default audio output (SDL_INIT_AUDIO must be up). NULL and err when it cannot;
 * the kiosk then offers no Listen button. */
app_reader *app_reader_new(app_resources *res, bool device, vk_error *err);
void app_reader_free(app_reader *r); /* stops; accepts NULL */

/* ui_env.read_aloud (ctx: the reader). */
void app_reader_command(void *ctx, ui_read_cmd cmd, const char *page, int lang, int from_block);

/* Once a frame, with the UI's clock: the block being heard (-1: the title), UI_READING_DONE once when
 * the reading has ended, or APP_READER_IDLE. */
#define APP_READER_IDLE (-3)
int app_reader_tick(app_reader *r, uint32_t now_ms);

/* Marks every language the reader can read (a voice, and this reader) in res->ui_langs. */
void app_reader_offer(app_reader *r, app_resources *res);

#endif
