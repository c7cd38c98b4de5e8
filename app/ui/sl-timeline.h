/* sl-timeline.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-read-selection.h"
#include "sl-read-set.h"

G_BEGIN_DECLS

#define SL_TYPE_TIMELINE (sl_timeline_get_type ())

G_DECLARE_FINAL_TYPE (SlTimeline, sl_timeline, SL, TIMELINE, GtkWidget)

GtkWidget *sl_timeline_new             (void);
void       sl_timeline_set_reads       (SlTimeline   *self,
                                        SlReadSet    *reads);
void       sl_timeline_set_time_zone   (SlTimeline   *self,
                                        GTimeZone    *time_zone);
void       sl_timeline_get_filter      (SlTimeline   *self,
                                        SlReadFilter *filter);
void       sl_timeline_select_range    (SlTimeline   *self,
                                        gint64        start,
                                        gint64        end);
void       sl_timeline_set_time_of_day (SlTimeline   *self,
                                        int           start_hour,
                                        int           end_hour);
void       sl_timeline_set_playing     (SlTimeline   *self,
                                        gboolean      playing);
gboolean   sl_timeline_get_playing     (SlTimeline   *self);
void       sl_timeline_step            (SlTimeline   *self);
guint      sl_timeline_get_bin_seconds (SlTimeline   *self);

G_END_DECLS
