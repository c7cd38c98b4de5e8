/* sl-as-of-bar.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-what-if.h"

G_BEGIN_DECLS

#define SL_TYPE_AS_OF_BAR (sl_as_of_bar_get_type ())

G_DECLARE_FINAL_TYPE (SlAsOfBar, sl_as_of_bar, SL, AS_OF_BAR, GtkWidget)

GtkWidget *sl_as_of_bar_new          (void);
void       sl_as_of_bar_set_what_if  (SlAsOfBar *self,
                                      SlWhatIf  *what_if);
void       sl_as_of_bar_set_as_of    (SlAsOfBar *self,
                                      gint64     as_of);
gint64     sl_as_of_bar_get_as_of    (SlAsOfBar *self);
gboolean   sl_as_of_bar_get_range    (SlAsOfBar *self,
                                      gint64    *start,
                                      gint64    *end);
void       sl_as_of_bar_set_playing  (SlAsOfBar *self,
                                      gboolean   playing);
gboolean   sl_as_of_bar_get_playing  (SlAsOfBar *self);
void       sl_as_of_bar_step         (SlAsOfBar *self);
GtkLabel  *sl_as_of_bar_get_label    (SlAsOfBar *self);

G_END_DECLS
