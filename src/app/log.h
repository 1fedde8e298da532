/* What the kiosk writes to standard error (the journal under systemd), by level: [log] level or
 * --log-level. Errors always; warnings and info (reloads, the staff screen's requests) unless IT asks
 * for less. */
#ifndef VK_APP_LOG_H
#define VK_APP_LOG_H

typedef enum app_log_level { APP_LOG_ERROR, APP_LOG_WARNING, APP_LOG_INFO } app_log_level;

/* "error", "warning", "info" -> the level, else -1 */
int app_log_level_named(const char *name);
void app_log_set_level(app_log_level level);
/* "velkommen: warning: ..." (the level named but for info and error: "velkommen: ..."), if level is
 * at or above the set one. */
void app_log(app_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
