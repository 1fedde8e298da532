/* The kiosk's configuration file, in INI format read by inih (Debian's libinih):
 *
 *     [kiosk]
 *     idle_seconds = 90            ; "Are you still there?" after this long without a touch (10-3600)
 *     staff_pin_hash = $y$j9T$...  ; crypt(3) hash of the staff PIN: mkpasswd -m yescrypt (package whois)
 *     languages = da, ar, ti, en   ; the languages offered, in this order (default: locales/LINGUAS)
 *     rotation = 0                 ; 0, 90, 180 or 270: turns the picture (clockwise) and the touch with it
 *     [data]
 *     dir = /usr/share/velkommen   ; assets/, locales/ and content/
 *     content = /srv/velkommen/content  ; the content elsewhere (default: DIR/content)
 *     locales = /srv/velkommen/locales  ; the catalogs elsewhere (default: DIR/locales)
 *     [stats]
 *     path = /var/lib/velkommen/stats.db  ; the anonymous counters (SQLite); "off" counts nothing
 *     [log]
 *     level = warning              ; error, warning or info: what goes to the journal
 *
 * Found at --config FILE, else $VELKOMMEN_CONFIG, else /etc/velkommen/velkommen.conf when it exists.
 * Command-line options override it. A key it does not know is an error naming the line, so a typo
 * never silently leaves a kiosk on its defaults.
 */
#ifndef VK_APP_CONFIG_H
#define VK_APP_CONFIG_H

#include <stdbool.h>

#include "base/error.h"

typedef struct app_config {
    char path[1024];           /* the file read, "" when none */
    char data_dir[1024];       /* "" = not set */
    unsigned idle_seconds;     /* 0 = not set */
    char staff_pin_hash[256];  /* "" = no staff mode */
    char stats_path[1024];     /* "" = not set (the default place), "off" = no counting */
    char content_dir[1024];    /* "" = DATA/content */
    char locales_dir[1024];    /* "" = DATA/locales */
    char languages[256];       /* "" = locales/LINGUAS */
    int rotation;              /* -1 = not set; else 0, 90, 180, 270 */
    int log_level;             /* -1 = not set; else an app_log_level */
} app_config;

/* Reads the configuration: path if not NULL, else the default places. No file at a default place is
 * not an error (all defaults). Returns false and fills err (file and line) for a file that cannot be
 * read or has a bad line. */
bool app_config_load(const char *path, app_config *cfg, vk_error *err);

/* 0, 90, 180 or 270 for those words, else -1. */
int app_config_rotation(const char *value);

/* Whether pin matches the configured hash (crypt(3); yescrypt, SHA-512 and the like). */
bool app_config_check_pin(const app_config *cfg, const char *pin);

#endif
