/* sl-test-ui-utils.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers the widget tests share: waiting on the main loop without sleeps,
 * and rendering a widget in-process to a PNG a person can look at. */

#pragma once

#include <gtk/gtk.h>

#include "sl-application.h"
#include "sl-map-view.h"

G_BEGIN_DECLS

void        sl_test_ui_init         (int         *argc,
                                     char      ***argv);
SlApplication *sl_test_ui_new_application (const char        *application_id,
                                           GApplicationFlags  flags);
/* The first toplevel window of @type, or NULL. */
GtkWindow  *sl_test_find_toplevel   (GType        type);
void        sl_test_wait_for_mapped (GtkWidget  *widget);
void        sl_test_wait_for_idle   (void);
/* A tick callback counting frames into the guint at @user_data. */
gboolean    sl_test_count_frame     (GtkWidget     *widget,
                                     GdkFrameClock *clock,
                                     gpointer       user_data);
void        sl_test_wait_for_frame  (GtkWidget  *widget);
void        sl_test_wait_for_map    (SlMapView  *view);
GdkTexture *sl_test_render_widget   (GtkWidget  *widget);
guint       sl_test_count_colours   (GdkTexture *texture);
void        sl_test_render_to_png   (GtkWidget  *widget,
                                     const char *name);

G_END_DECLS
