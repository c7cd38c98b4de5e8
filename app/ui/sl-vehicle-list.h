/* sl-vehicle-list.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-project-worker.h"

G_BEGIN_DECLS

#define SL_TYPE_VEHICLE_LIST (sl_vehicle_list_get_type ())

G_DECLARE_FINAL_TYPE (SlVehicleList, sl_vehicle_list, SL, VEHICLE_LIST, GtkWidget)

GtkWidget  *sl_vehicle_list_new         (void);
void        sl_vehicle_list_load        (SlVehicleList   *self,
                                         SlProjectWorker *worker,
                                         SlProjectWorker *reader,
                                         GCancellable    *cancellable);
void        sl_vehicle_list_clear       (SlVehicleList   *self);
void        sl_vehicle_list_set_prefix  (SlVehicleList   *self,
                                         const char      *prefix);
gboolean    sl_vehicle_list_is_loading  (SlVehicleList   *self);
GListModel *sl_vehicle_list_get_model   (SlVehicleList   *self);

/* An item of the list's model. */
#define SL_TYPE_VEHICLE_ITEM (sl_vehicle_item_get_type ())

G_DECLARE_FINAL_TYPE (SlVehicleItem, sl_vehicle_item, SL, VEHICLE_ITEM, GObject)

gint64      sl_vehicle_item_get_plate_id (SlVehicleItem *self);
guint       sl_vehicle_item_get_n_reads  (SlVehicleItem *self);
guint       sl_vehicle_item_get_rank     (SlVehicleItem *self);
const char *sl_vehicle_item_get_plate    (SlVehicleItem *self);

G_END_DECLS
