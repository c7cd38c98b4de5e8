/* sl-exposure-pane-private.h: what tests reach inside the pane.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-exposure-pane.h"

G_BEGIN_DECLS

/* The row of @node, or NULL when the node sees nothing. */
GtkListBoxRow *sl_exposure_pane_find_row          (SlExposurePane *self,
                                                   guint           node);
/* Agency rows, without the rows that unfold a group. */
guint          sl_exposure_pane_get_n_rows        (SlExposurePane *self);
GtkButton     *sl_exposure_pane_find_more_button  (SlExposurePane *self,
                                                   SlViewerGroup   group);
GtkLabel      *sl_exposure_row_get_name_label     (GtkListBoxRow  *row);
GtkLabel      *sl_exposure_row_get_reads_label    (GtkListBoxRow  *row);
GtkLabel      *sl_exposure_row_get_how_label      (GtkListBoxRow  *row);
GtkLevelBar   *sl_exposure_row_get_bar            (GtkListBoxRow  *row);
/* The row's edit: Untick a direct edge, or Leave pool for an owner whose
 * reads the agency sees only through a pool; NULL when neither applies. */
GtkButton     *sl_exposure_row_get_untick_button  (GtkListBoxRow  *row);
GtkInfoBar    *sl_exposure_pane_get_banner        (SlExposurePane *self);
GtkLabel      *sl_exposure_pane_get_banner_label  (SlExposurePane *self);
GtkButton     *sl_exposure_pane_get_compare_button (SlExposurePane *self);
GtkListBox    *sl_exposure_pane_get_list          (SlExposurePane *self);
/* The text the tooltip of a widget of a row shows, or NULL. */
const char    *sl_exposure_row_get_tooltip        (GtkWidget      *widget);

G_END_DECLS
