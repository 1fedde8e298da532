/* Everything the kiosk loads from its data directory: language metadata, fonts, interface catalogs.
 *
 * The data directory holds assets/fonts/, locales/ and content/. It is the --data option, else the
 * VELKOMMEN_DATA environment variable, else share/velkommen beside the installed program's bin/, else
 * the source tree the build was configured with (app_data_dir).
 */
#ifndef VK_APP_RESOURCES_H
#define VK_APP_RESOURCES_H

#include <stddef.h>

#include "base/error.h"
#include "content/tree.h"
#include "i18n/catalog.h"
#include "i18n/lang.h"
#include "i18n/localize.h"
#include "text/font.h"
#include "text/layout.h"
#include "i18n/keyboard.h"
#include "ui/ui.h"

#define APP_MAX_WARNINGS 32

typedef struct app_resources {
    char data_dir[1024];
    char content_dir[1100]; /* DATA/content, or the configuration's [data] content */
    char locales_dir[1100]; /* DATA/locales, or the configuration's [data] locales */
    i18n_langs langs;
    text_fontlib *fontlib;
    text_font_chain *regular; /* per language, parallel to langs */
    text_font_chain *bold;
    text_font_chain fallback; /* every font loaded */
    i18n_catalog **catalogs;  /* per language: locales/<code>/velkommen.po, NULL if absent or broken */
    i18n_catalog **content_catalogs; /* per language: locales/<code>/content.po, NULL if absent or broken */
    i18n_content_chain *content_chains; /* per language */
    ui_language *ui_langs;
    i18n_keyboard *keyboards; /* per language: locales/keyboards/<code>.txt; rows == 0 when absent */
    text_layouter *layouter;
    content_tree content;     /* DATA/content; empty when it could not be read */
    content_diags content_diags; /* what loading the content found */
    size_t source_lang;       /* the language the content is written in: the one with no fallback */
    char icon_dir[1100];      /* DATA/assets/icons */
    /* problems that do not stop the kiosk (a broken catalog falls back to other languages) */
    char warnings[APP_MAX_WARNINGS][600];
    int warning_count;
    struct app_catalog_job *catalog_job; /* catalogs still being read (app_data_paths.async_catalogs) */
} app_resources;

/* The data directory to use: dir_option if not NULL or "", else $VELKOMMEN_DATA, else share/velkommen
 * of the installation the running program belongs to (/usr/bin/velkommen: /usr/share/velkommen) when it
 * is there, else the source tree the build was configured in. The installation's path is written into
 * buf (size bytes; 1024 is plenty); the result is dir_option, the environment's string, buf or a
 * constant, valid as long as the first three are. */
const char *app_data_dir(const char *dir_option, char *buf, size_t size);

/* Loads everything. Returns 0 and fills err for problems the kiosk cannot run with: unreadable
 * metadata, a missing font. res is always safe to pass to app_resources_free afterwards. */
int app_resources_load(app_resources *res, const char *data_dir, vk_error *err);

/* Where the data is, when parts of it live elsewhere (the configuration's [data] keys; NULL: below
 * data_dir), and the languages offered in their order (NULL: locales/LINGUAS; else codes separated
 * by commas or spaces, each in LINGUAS, the content's own language among them). */
typedef struct app_data_paths {
    const char *data_dir;    /* assets/ (fonts, icons), and content/ and locales/ unless named */
    const char *content_dir;
    const char *locales_dir;
    const char *languages;
    /* NULL: every language's catalogs. Else a language code: only that language's catalogs and its
     * fallbacks' are read, for a command that draws one language (velkommen render of a page);
     * the others stay untranslated. A content catalog is most of the start-up time. */
    const char *catalogs_for;
    /* Read the catalogs on a thread of their own while the caller goes on (a renderer to set up, a
     * picture to decode); app_resources_join_catalogs must come before anything that translates:
     * app_resources_ui_env, ui_langs. Nothing else may read a .po meanwhile (libgettextpo keeps
     * its parser's state in globals). */
    bool async_catalogs;
} app_data_paths;
int app_resources_load_paths(app_resources *res, const app_data_paths *paths, vk_error *err);
bool app_resources_open_paths(app_resources *res, const app_data_paths *paths, bool print_warnings);
void app_resources_free(app_resources *res); /* joins the catalogs' thread first */
/* Waits for the catalogs read by async_catalogs, adds their warnings (printed too when
 * print_warnings) and builds the translation chains. Does nothing when there is nothing to wait for. */
void app_resources_join_catalogs(app_resources *res, bool print_warnings);
/* For the commands: loads data_dir (resolved with app_data_dir), or prints the one-line error and
 * leaves res freed. Prints the warnings too when print_warnings. Returns whether it loaded. */
bool app_resources_open(app_resources *res, const char *data_dir, bool print_warnings);
/* Reads every catalog again (a translator dropped a new .po into locales/). A catalog that no longer
 * loads keeps its previous version and adds a warning. Rebuilds the translation chains in place, so
 * the ui_env from app_resources_ui_env stays valid; the UI must drop what it derived from the old
 * catalogs (ui_set_content). Returns how many catalogs were replaced. */
int app_resources_reload_catalogs(app_resources *res);

/* Loads the content tree at dir in place of the current one, all or nothing: when the new tree has
 * errors the old one stays and false is returned with the new diagnostics in *diags (caller frees).
 * On success the old tree is freed: point the UI at the new one (ui_set_content) straight after. */
bool app_resources_replace_content(app_resources *res, const char *dir, content_diags *diags);
void app_resources_ui_env(const app_resources *res, ui_env *env);
/* Index of a language code in res->langs, or -1. */
int app_resources_lang_index(const app_resources *res, const char *code);
/* The same for a language a user typed: -1 after a message on stderr listing the known codes. */
int app_resources_lang_named(const app_resources *res, const char *code);

#endif
