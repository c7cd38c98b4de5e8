/* sl-json.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writing JSON by hand, for output that streams (exports, reports, the
 * command line's --format json) where building a JsonNode tree first
 * would hold a whole project's worth of objects. */

void sl_json_append_string (GString    *out,
                            const char *text);

G_END_DECLS
