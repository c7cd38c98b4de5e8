/* sl-history.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlHistory SlHistory;

SlHistory  *sl_history_new             (void);
void        sl_history_free            (SlHistory  *self);
gboolean    sl_history_visit           (SlHistory  *self,
                                        const char *entry);
const char *sl_history_get_current     (SlHistory  *self);
gboolean    sl_history_can_go_back     (SlHistory  *self);
gboolean    sl_history_can_go_forward  (SlHistory  *self);
const char *sl_history_go_back         (SlHistory  *self);
const char *sl_history_go_forward      (SlHistory  *self);
void        sl_history_clear           (SlHistory  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlHistory, sl_history_free)

G_END_DECLS
