/* test-window.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-application.h"
#include "sl-preferences-window.h"
#include "sl-window-private.h"

/* One application for the whole run: GTK can only be set up once. */
static SlApplication *app;

static void
wait_for_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_idle (void)
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
static void
wait_for_frame (GtkWidget *widget)
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

/* Draws the window the way the compositor would get it, in-process. */
static GdkTexture *
render_widget (GtkWidget *widget)
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
      wait_for_frame (widget);
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
static guint
count_colours (GdkTexture *texture)
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
static void
render_to_png (GtkWidget  *widget,
               const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, name, NULL);
  guint colours;

  wait_for_mapped (widget);
  texture = render_widget (widget);
  colours = count_colours (texture);
  g_test_message ("%s: %d×%d, %u colours", name,
                  gdk_texture_get_width (texture), gdk_texture_get_height (texture), colours);
  g_assert_cmpuint (colours, >=, 64);
  g_assert_true (gdk_texture_save_to_png (texture, png));
}

static char *
make_temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static GtkWindow *
find_toplevel (GType type)
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

static void
destroy_toplevels (GType type)
{
  GtkWindow *window;

  while ((window = find_toplevel (type)) != NULL)
    gtk_window_destroy (window);
  wait_for_idle ();
}

static SlWindow *
new_mapped_window (void)
{
  SlWindow *window = sl_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (GTK_WIDGET (window));
  wait_for_idle ();

  return window;
}

static void
test_window_renders (void)
{
  SlWindow *window = new_mapped_window ();
  GtkWidget *blank = gtk_window_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) blank_texture = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "main-window.png", NULL);
  guint colours;
  guint blank_colours;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");

  texture = render_widget (GTK_WIDGET (window));
  colours = count_colours (texture);
  g_test_message ("main window: %d×%d, %u colours",
                  gdk_texture_get_width (texture), gdk_texture_get_height (texture), colours);

  /* The control: an empty window really is counted as nearly blank. */
  gtk_window_set_default_size (GTK_WINDOW (blank), 200, 200);
  gtk_window_set_decorated (GTK_WINDOW (blank), FALSE);
  gtk_window_present (GTK_WINDOW (blank));
  wait_for_mapped (blank);
  wait_for_idle ();
  blank_texture = render_widget (blank);
  blank_colours = count_colours (blank_texture);
  g_test_message ("blank window: %u colours", blank_colours);

  g_assert_cmpuint (blank_colours, <=, 2);
  g_assert_cmpuint (colours, >=, 64);

  /* update-screenshot.sh copies this into data/screenshots/. */
  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_test_message ("saved %s", png);

  gtk_window_destroy (GTK_WINDOW (blank));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

/* Appends "label → action" for each item of @menu, sections included. */
static void
collect_menu_items (GMenuModel *menu,
                    GString    *items)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;

      if (section != NULL)
        {
          collect_menu_items (section, items);
          continue;
        }

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_string_append_printf (items, "%s → %s\n", label, action);
    }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_primary_menu (void)
{
  SlWindow *window = new_mapped_window ();
  GtkMenuButton *button = GTK_MENU_BUTTON (find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_autoptr(GString) items = g_string_new (NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (button));
  collect_menu_items (gtk_menu_button_get_menu_model (button), items);
  g_assert_cmpstr (items->str, ==,
                   "_Open Project… → win.open-project\n"
                   "_New Project… → win.new-project\n"
                   "_Import Plate Reads… → win.import-reads\n"
                   "Import _Sharing Configuration… → win.import-sharing\n"
                   "_Preferences → app.preferences\n"
                   "_Keyboard Shortcuts → win.show-help-overlay\n"
                   "_About Sightline → app.about\n");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_actions (void)
{
  SlWindow *window = new_mapped_window ();
  static const struct {
    const char *action;
    gboolean    enabled;
  } expected_actions[] = {
    { "open-project", TRUE },
    { "new-project", TRUE },
    { "show-help-overlay", TRUE },
    /* Imports need a project (test-import-assistant enables them). */
    { "import-reads", FALSE },
    { "import-sharing", FALSE },
    /* Not there yet: present and disabled. */
    { "open-demo", FALSE },
  };
  static const struct {
    const char *action;
    const char *accel;
  } expected_accels[] = {
    { "win.open-project", "<Control>o" },
    { "win.new-project", "<Control>n" },
    { "win.import-reads", "<Control>i" },
    { "app.preferences", "<Control>comma" },
    { "win.show-help-overlay", "<Control>question" },
    { "app.quit", "<Control>q" },
    { "window.close", "<Control>w" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected_actions); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), expected_actions[i].action));
      g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (window), expected_actions[i].action),
                       ==, expected_actions[i].enabled);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected_accels); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     expected_accels[i].action);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, expected_accels[i].accel);
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  /* The help overlay is loaded from resources/gtk/help-overlay.ui. */
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  render_to_png (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))),
                 "shortcuts-window.png");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_opens_project (void)
{
  g_autofree char *path = make_temp_path ("Fairfield 2019.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlProject) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  SlWindow *window = new_mapped_window ();
  SlProject *project;

  created = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&created);

  g_assert_null (sl_window_get_project (window));
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  wait_for_idle ();

  project = sl_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sl_project_get_path (project), ==, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "project");
  g_assert_true (sl_project_page_get_project (window->project_page) == project);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "Fairfield 2019");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, folder);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Fairfield 2019 — Sightline");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  render_to_png (GTK_WIDGET (window), "project-window.png");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

/* The window shows exactly the message SlProject gives, and keeps showing
 * what it showed before. */
static void
assert_open_fails_with_core_message (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  SlWindow *window = new_mapped_window ();
  AdwMessageDialog *dialog;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_null (project);
  g_assert_nonnull (error);

  g_assert_false (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  wait_for_idle ();

  g_assert_null (sl_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");

  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Project");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);

  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_open_errors (void)
{
  g_autofree char *text_path = make_temp_path ("reads.sightline");
  g_autofree char *newer_path = make_temp_path ("newer.sightline");
  g_autofree char *missing_path = make_temp_path ("missing.sightline");
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (g_file_set_contents (text_path, "plate,time\nABC123,2019-03-01\n", -1, NULL));
  assert_open_fails_with_core_message (text_path);

  assert_open_fails_with_core_message (missing_path);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));

  /* A project from a newer Sightline. */
  project = sl_project_open (newer_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("PRAGMA user_version = %u", sl_project_get_latest_schema_version () + 1);
  g_clear_object (&project);
  {
    g_autoptr(GSubprocess) sqlite = NULL;

    /* Set the version with a second connection, as a newer app would. */
    sqlite = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sqlite3", newer_path, sql, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (sqlite, NULL, &error));
    g_assert_no_error (error);
  }
  assert_open_fails_with_core_message (newer_path);
}

/* Without a portal GtkFileChooserNative shows GTK's own dialog: check what
 * it offers, then cancel it as a user would. */
static void
test_window_file_choosers (void)
{
  SlWindow *window = new_mapped_window ();
  GtkWindow *dialog;
  g_autoptr(GListModel) filters = NULL;
  GtkFileFilter *filter;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-project", NULL);
  wait_for_idle ();
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Open Project");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "Sightline Projects");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_for_idle ();
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (sl_window_get_project (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "new-project", NULL);
  wait_for_idle ();
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "New Project");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog)), ==, "Untitled.sightline");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_for_idle ();
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (sl_window_get_project (window));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_creates_project (void)
{
  g_autofree char *chosen_path = make_temp_path ("Norwalk");
  g_autofree char *path = make_temp_path ("Norwalk.sightline");
  g_autofree char *notes_path = make_temp_path ("notes.sightline");
  g_autofree char *trash_dir = g_build_filename (g_get_user_data_dir (), "Trash", "files", NULL);
  g_autofree char *trashed_path = g_build_filename (trash_dir, "notes.sightline", NULL);
  g_autofree char *trashed = NULL;
  g_autoptr(GFile) chosen = g_file_new_for_path (chosen_path);
  g_autoptr(GFile) notes = g_file_new_for_path (notes_path);
  SlWindow *window = new_mapped_window ();
  SlProject *project;

  /* The extension is added when the name lacks it. */
  g_assert_true (sl_window_create_project (window, chosen));
  project = sl_window_get_project (window);
  g_assert_cmpstr (sl_project_get_path (project), ==, path);
  g_assert_cmpuint (sl_project_get_schema_version (project), ==, sl_project_get_latest_schema_version ());
  g_assert_false (g_file_test (chosen_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "project");

  /* A file the user agreed to replace goes to the trash, not away. GIO
   * uses the home trash only when the (isolated) home directory exists. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (notes_path, "my notes", -1, NULL));
  g_assert_true (sl_window_create_project (window, notes));
  g_assert_cmpstr (sl_project_get_path (sl_window_get_project (window)), ==, notes_path);
  g_assert_true (g_file_get_contents (trashed_path, &trashed, NULL, NULL));
  g_assert_cmpstr (trashed, ==, "my notes");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_command_line_open (void)
{
  g_autofree char *path = make_temp_path ("Westport.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlProject) created = NULL;
  g_autoptr(GError) error = NULL;
  GList *windows;
  SlWindow *window;

  created = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&created);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* What `sightline FILE` does once the command line is parsed. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  wait_for_idle ();

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = SL_WINDOW (windows->data);
  g_assert_nonnull (sl_window_get_project (window));
  g_assert_cmpstr (sl_project_get_path (sl_window_get_project (window)), ==, path);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_size_is_restored (void)
{
  GSettings *settings = sl_application_get_settings (app);
  SlWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = sl_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 600);
  wait_for_idle ();
  /* What Ctrl+W does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  wait_for_idle ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_window_about (void)
{
  SlWindow *window = new_mapped_window ();
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  wait_for_idle ();

  about = ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Sightline");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, "https://github.com/sightline/sightline/issues");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  render_to_png (GTK_WIDGET (about), "about-window.png");

  destroy_toplevels (ADW_TYPE_ABOUT_WINDOW);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

static void
test_window_preferences (void)
{
  GSettings *settings = sl_application_get_settings (app);
  SlWindow *window = new_mapped_window ();
  GtkWindow *preferences;
  GtkSwitch *online_tiles;
  GtkSwitch *pseudonymise;
  AdwEntryRow *time_zone;

  g_settings_reset (settings, "import-time-zone");
  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "pseudonymise-plates");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wait_for_idle ();

  preferences = find_toplevel (SL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  online_tiles = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences), SL_TYPE_PREFERENCES_WINDOW, "online_tiles_switch"));
  pseudonymise = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences), SL_TYPE_PREFERENCES_WINDOW, "pseudonymise_switch"));
  time_zone = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences), SL_TYPE_PREFERENCES_WINDOW, "time_zone_row"));

  /* Privacy by default: no network, plates pseudonymised. */
  g_assert_false (gtk_switch_get_active (online_tiles));
  g_assert_true (gtk_switch_get_active (pseudonymise));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_zone)), ==, "");
  render_to_png (GTK_WIDGET (preferences), "preferences-window.png");

  gtk_switch_set_active (online_tiles, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "online-tiles"));
  g_settings_set_boolean (settings, "pseudonymise-plates", FALSE);
  g_assert_false (gtk_switch_get_active (pseudonymise));

  /* An unknown zone is refused and marked; a known one is stored. */
  gtk_editable_set_text (GTK_EDITABLE (time_zone), "Atlantis/Poseidonia");
  g_signal_emit_by_name (time_zone, "apply");
  g_assert_cmpstr (g_settings_get_string (settings, "import-time-zone"), ==, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time_zone), "error"));

  gtk_editable_set_text (GTK_EDITABLE (time_zone), " America/New_York ");
  g_signal_emit_by_name (time_zone, "apply");
  g_assert_cmpstr (g_settings_get_string (settings, "import-time-zone"), ==, "America/New_York");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (time_zone), "error"));

  g_settings_reset (settings, "import-time-zone");
  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "pseudonymise-plates");

  destroy_toplevels (SL_TYPE_PREFERENCES_WINDOW);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  int status;

  /* The isolated XDG_DATA_DIRS hide the system's MIME database, without
   * which GdkPixbuf cannot tell an SVG icon from any other file. */
  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (mime_dirs, g_build_filename (*dir, "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  app = sl_application_new ("io.github.sightline.Sightline.Test",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  /* Registering runs startup (GTK, actions, accelerators) without entering
   * g_application_run()'s main loop; the tests iterate it themselves. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  /* Stack transitions end at once, so what a test checks is on screen. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window/renders", test_window_renders);
  g_test_add_func ("/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/window/actions", test_window_actions);
  g_test_add_func ("/window/opens-project", test_window_opens_project);
  g_test_add_func ("/window/open-errors", test_window_open_errors);
  g_test_add_func ("/window/file-choosers", test_window_file_choosers);
  g_test_add_func ("/window/creates-project", test_window_creates_project);
  g_test_add_func ("/window/command-line-open", test_window_command_line_open);
  g_test_add_func ("/window/size-is-restored", test_window_size_is_restored);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/preferences", test_window_preferences);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
