/* sl-inference-pane.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-inference.h"

G_BEGIN_DECLS

#define SL_TYPE_INFERENCE_PANE (sl_inference_pane_get_type ())

G_DECLARE_FINAL_TYPE (SlInferencePane, sl_inference_pane, SL, INFERENCE_PANE, GtkWidget)

GtkWidget         *sl_inference_pane_new            (void);
void               sl_inference_pane_set_status     (SlInferencePane *self,
                                                     const char      *text);
void               sl_inference_pane_set_inference  (SlInferencePane *self,
                                                     SlInference     *inference,
                                                     const char      *agency);
const SlInference *sl_inference_pane_get_inference  (SlInferencePane *self);
void               sl_inference_pane_set_uniqueness_progress (SlInferencePane   *self,
                                                              double             progress);
void               sl_inference_pane_set_uniqueness (SlInferencePane   *self,
                                                     const SlInference *counted);

G_END_DECLS
