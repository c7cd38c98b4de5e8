/* sl-exposure-pane.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-what-if.h"

G_BEGIN_DECLS

typedef enum
{
  SL_EXPOSURE_SORT_READS,
  SL_EXPOSURE_SORT_NAME,
} SlExposureSort;

#define SL_TYPE_EXPOSURE_PANE (sl_exposure_pane_get_type ())

G_DECLARE_FINAL_TYPE (SlExposurePane, sl_exposure_pane, SL, EXPOSURE_PANE, GtkWidget)

GtkWidget *sl_exposure_pane_new              (void);
void       sl_exposure_pane_set_what_if      (SlExposurePane *self,
                                              SlWhatIf       *what_if,
                                              const char     *plate);
SlWhatIf  *sl_exposure_pane_get_what_if      (SlExposurePane *self);
void       sl_exposure_pane_set_sort         (SlExposurePane *self,
                                              SlExposureSort  sort);
void       sl_exposure_pane_set_filter_text  (SlExposurePane *self,
                                              const char     *text);
guint      sl_exposure_pane_get_selected_node (SlExposurePane *self);
void       sl_exposure_pane_select_node      (SlExposurePane *self,
                                              guint           node);
void       sl_exposure_pane_set_show_banner  (SlExposurePane *self,
                                              gboolean        show_banner);

G_END_DECLS
