/* sl-inference-pane-private.h: what tests reach inside the pane.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-inference-pane.h"

G_BEGIN_DECLS

GtkLabel     *sl_inference_pane_get_status_label (SlInferencePane *self);
AdwActionRow *sl_inference_pane_get_home_row     (SlInferencePane *self);
AdwActionRow *sl_inference_pane_get_work_row     (SlInferencePane *self);
GtkListBox   *sl_inference_pane_get_places_list  (SlInferencePane *self);
AdwActionRow *sl_inference_pane_get_uniqueness_row (SlInferencePane *self);
guint         sl_inference_pane_get_n_place_rows (SlInferencePane *self);
char         *sl_inference_pane_format_place     (double           latitude,
                                                  double           longitude);

G_END_DECLS
