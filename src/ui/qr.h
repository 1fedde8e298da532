/* QR codes for external addresses, so a newcomer can take the official page home on a phone. The
 * symbol comes from libqrencode (ISO/IEC 18004); this module only turns it into rectangles. */
#ifndef VK_UI_QR_H
#define VK_UI_QR_H

#include <stdbool.h>

#include "ui/display.h"

/* Draws the QR code of text into dl as dark rectangles inside a white square at (x, y) of side
 * `size`, with the standard quiet zone of four modules. Returns false when text cannot be encoded
 * (too long) or memory runs out; nothing is drawn then. */
bool ui_qr_draw(ui_display_list *dl, const char *text, float x, float y, float size);

#endif
