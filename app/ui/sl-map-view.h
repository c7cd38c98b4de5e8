/* sl-map-view.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "sl-geography.h"
#include "sl-overlay-layer.h"
#include "sl-project.h"
#include "sl-read-set.h"
#include "sl-timeline.h"
#include "sl-track-layer.h"

G_BEGIN_DECLS

#define SL_TYPE_MAP_VIEW (sl_map_view_get_type ())

G_DECLARE_FINAL_TYPE (SlMapView, sl_map_view, SL, MAP_VIEW, GtkWidget)

GtkWidget   *sl_map_view_new               (void);
void         sl_map_view_set_reads         (SlMapView           *self,
                                            SlReadSet           *reads,
                                            const char * const  *agency_names);
SlReadSet   *sl_map_view_get_reads         (SlMapView           *self);
void         sl_map_view_set_track         (SlMapView           *self,
                                            const SlTrackPoint  *points,
                                            guint                n_points);
void         sl_map_view_set_time_zone     (SlMapView           *self,
                                            GTimeZone           *time_zone);
void         sl_map_view_go_to             (SlMapView           *self,
                                            double               latitude,
                                            double               longitude,
                                            double               zoom);
void         sl_map_view_show_state        (SlMapView           *self);
gboolean     sl_map_view_get_online_tiles  (SlMapView           *self);
void         sl_map_view_set_online_tiles  (SlMapView           *self,
                                            gboolean             online_tiles);
ShumateMap  *sl_map_view_get_map           (SlMapView           *self);
const char * const *sl_map_view_get_agency_names (SlMapView     *self);
SlTimeline  *sl_map_view_get_timeline      (SlMapView           *self);
SlOverlayLayer *sl_map_view_add_overlay    (SlMapView           *self,
                                            const char          *name,
                                            SlGeography         *geography);
SlOverlayLayer *sl_map_view_load_overlay   (SlMapView           *self,
                                            GFile               *file,
                                            GError             **error);
SlOverlayLayer *sl_map_view_get_overlay    (SlMapView           *self,
                                            const char          *name);
void         sl_map_view_remove_overlay    (SlMapView           *self,
                                            const char          *name);
gboolean     sl_map_view_show_project_overlays (SlMapView       *self,
                                                SlProject       *project,
                                                GError         **error);
gboolean     sl_map_view_save_position     (SlMapView           *self,
                                            SlProject           *project,
                                            GError             **error);
gboolean     sl_map_view_restore_position  (SlMapView           *self,
                                            SlProject           *project);
gboolean     sl_map_view_is_ready          (SlMapView           *self);
void         sl_map_view_set_agency_legend_visible (SlMapView   *self,
                                                    gboolean     visible);

G_END_DECLS
