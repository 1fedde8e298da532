/* Opening a file the program reads from a folder that people edit (content/, locales/): never waiting.
 *
 * A named pipe, a socket or a device put where a page, a picture or a recording was expected would
 * hold a plain fopen() until something writes to it, and with it the kiosk's drawing, its reload
 * thread or `velkommen check`. vk_open_ordinary opens without waiting (O_NONBLOCK, which changes
 * nothing for an ordinary file) and refuses anything that is not an ordinary file.
 */
#ifndef VK_BASE_FILE_H
#define VK_BASE_FILE_H

#include <stdio.h>
#include <sys/types.h>

/* path opened for reading ("rb") when it is an ordinary file. NULL otherwise: errno says why, and
 * when the path is there but is not an ordinary file, errno is 0 and *mode (if not NULL) holds its
 * type for vk_file_kind. */
FILE *vk_open_ordinary(const char *path, mode_t *mode);

/* "a folder", "a named pipe", "a socket", "a device" or "not a file": for messages. */
const char *vk_file_kind(mode_t mode);

#endif
