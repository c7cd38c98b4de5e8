/* sl-reads-layer.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "sl-read-selection.h"
#include "sl-read-set.h"

G_BEGIN_DECLS

#define SL_TYPE_READS_LAYER (sl_reads_layer_get_type ())

G_DECLARE_FINAL_TYPE (SlReadsLayer, sl_reads_layer, SL, READS_LAYER, ShumateLayer)

typedef enum
{
  SL_READS_LAYER_MODE_EMPTY,
  SL_READS_LAYER_MODE_DENSITY,
  SL_READS_LAYER_MODE_DOTS,
} SlReadsLayerMode;

SlReadsLayer     *sl_reads_layer_new              (ShumateViewport  *viewport);
void              sl_reads_layer_set_reads        (SlReadsLayer     *self,
                                                   SlReadSet        *reads);
SlReadSet        *sl_reads_layer_get_reads        (SlReadsLayer     *self);
void              sl_reads_layer_set_selection    (SlReadsLayer     *self,
                                                   SlReadSelection  *selection);
guint             sl_reads_layer_get_n_selected   (SlReadsLayer     *self);
SlReadsLayerMode  sl_reads_layer_get_mode         (SlReadsLayer     *self);
gboolean          sl_reads_layer_hit_test         (SlReadsLayer     *self,
                                                   double            x,
                                                   double            y,
                                                   guint            *index);
void              sl_reads_layer_get_agency_color (guint             agency,
                                                   GdkRGBA          *color);
void              sl_reads_layer_get_density_color (double           fraction,
                                                    GdkRGBA         *color);

G_END_DECLS
