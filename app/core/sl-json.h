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

void     sl_json_append_string (GString    *out,
                                const char *text);

/* json-glib's parser recurses once per level of nesting, so a file of a
 * million "[" overflows the stack before it can report anything: readers
 * of JSON from users check the nesting first. */
#define SL_JSON_MAX_DEPTH 64

gboolean sl_json_check_depth   (const char *data,
                                gsize       size,
                                guint       max_depth,
                                guint      *line);

G_END_DECLS
