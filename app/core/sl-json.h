/* sl-json.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

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

/* json-glib's objects do not know where in the file their members were,
 * so readers that name FILE:LINE in their messages watch the parser's
 * signals and look the lines up afterwards. */
typedef struct _SlJsonLines SlJsonLines;

SlJsonLines *sl_json_lines_new          (JsonParser   *parser,
                                         const char   *path);
guint        sl_json_lines_member       (SlJsonLines  *self,
                                         JsonObject   *object,
                                         const char   *member);
gboolean     sl_json_lines_check_unique (SlJsonLines  *self,
                                         GError      **error);
void         sl_json_lines_free         (SlJsonLines  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlJsonLines, sl_json_lines_free)

G_END_DECLS
