/* sl-test-ui-utils.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-test-ui-utils.h"

/* g_test_init() with isolated directories, for widget tests. The isolated
 * XDG_DATA_DIRS hide the system's MIME database, without which GdkPixbuf
 * cannot tell the app's SVG icon from any other file: point GIO back at
 * the system's. */
void
sl_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (mime_dirs, g_build_filename (*dir, "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
}

/* A registered application with animations off. Registering runs startup
 * (GTK, actions, accelerators) without entering g_application_run()'s main
 * loop; the tests iterate it themselves. Without animations, stack
 * transitions end at once, so what a test checks is on screen. */
SlApplication *
sl_test_ui_new_application (const char        *application_id,
                            GApplicationFlags  flags)
{
  g_autoptr(GError) error = NULL;
  SlApplication *app = sl_application_new (application_id, flags);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return app;
}

void
sl_test_wait_for_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

void
sl_test_wait_for_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
frame_painted (GdkFrameClock *clock,
               gboolean      *painted)
{
  *painted = TRUE;
}

/* Until the window has drawn its current state: only then does its
 * snapshot show what changed. */
void
sl_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

gboolean
sl_test_count_frame (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the map has drawn a few frames since the last
 * change and every tile in view is done, and the selection worker (if any)
 * has reported back; a map that never settles fails the test. */
void
sl_test_wait_for_map (SlMapView *view)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (view), sl_test_count_frame, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (frames < 4 || !sl_map_view_is_ready (view))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (view), id);
}

/* Draws the window the way the compositor would get it, in-process. */
GdkTexture *
sl_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width;
  int height;

  /* A widget whose allocation is pending snapshots to nothing; after the
   * next frame it is laid out and drawn. */
  for (guint frames = 0; node == NULL; frames++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      g_assert_cmpuint (frames, <, 10);
      sl_test_wait_for_frame (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (height, >, 0);

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        g_test_message ("frame %u: nothing drawn yet", frames);
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The number of distinct colours: a blank or failed rendering has one or
 * two, a window with text and icons has hundreds (anti-aliasing). */
guint
sl_test_count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + y * stride);

      for (int x = 0; x < width; x++)
        g_hash_table_add (colours, GUINT_TO_POINTER (row[x]));
    }

  return g_hash_table_size (colours);
}

/* Renders a window that must show something, and keeps the picture for a
 * person to look at. */
void
sl_test_render_to_png (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, name, NULL);
  guint colours;

  sl_test_wait_for_mapped (widget);
  texture = sl_test_render_widget (widget);
  colours = sl_test_count_colours (texture);
  g_test_message ("%s: %d×%d, %u colours", name,
                  gdk_texture_get_width (texture), gdk_texture_get_height (texture), colours);
  g_assert_cmpuint (colours, >=, 64);
  g_assert_true (gdk_texture_save_to_png (texture, png));
}

GtkWindow *
sl_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}
