/* sl-vehicle-ranking.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-project.h"

G_BEGIN_DECLS

/* One vehicle in the ranking. rank counts from 1 over the whole project,
 * whatever filter picked the vehicle. */
typedef struct
{
  gint64 plate_id;
  guint  n_reads;
  guint  rank;
} SlRankedVehicle;

typedef struct _SlVehicleRanking SlVehicleRanking;

SlVehicleRanking *sl_vehicle_ranking_load          (SlProject               *project,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
SlVehicleRanking *sl_vehicle_ranking_ref           (SlVehicleRanking        *self);
void              sl_vehicle_ranking_unref         (SlVehicleRanking        *self);
guint             sl_vehicle_ranking_get_n_vehicles (SlVehicleRanking       *self);
const SlRankedVehicle *sl_vehicle_ranking_get_vehicles (SlVehicleRanking    *self);
GArray           *sl_vehicle_ranking_filter        (SlVehicleRanking        *self,
                                                    SlProject               *project,
                                                    const char              *prefix,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
GStrv             sl_vehicle_ranking_load_plates   (SlProject               *project,
                                                    const SlRankedVehicle   *vehicles,
                                                    guint                    n_vehicles,
                                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlVehicleRanking, sl_vehicle_ranking_unref)

G_END_DECLS
