/* sl-window.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-window-private.h"

#define PROJECT_EXTENSION ".sightline"

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROJECT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

SlWindow *
sl_window_new (SlApplication *application)
{
  g_return_val_if_fail (SL_IS_APPLICATION (application), NULL);

  return g_object_new (SL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * sl_window_get_project:
 * @self: a #SlWindow
 *
 * Returns: (transfer none) (nullable): the project shown, if any
 */
SlProject *
sl_window_get_project (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->project;
}

static void
sl_window_update_title (SlWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *window_title = NULL;

  if (self->project == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Sightline"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Sightline"));
      return;
    }

  name = sl_project_dup_name (self->project);
  folder = g_path_get_dirname (sl_project_get_path (self->project));

  /* “~/Documents” reads better than “/home/someone/Documents”. */
  if (g_str_has_prefix (folder, g_get_home_dir ()) &&
      (folder[strlen (g_get_home_dir ())] == '/' || folder[strlen (g_get_home_dir ())] == '\0'))
    {
      g_autofree char *in_home = g_strconcat ("~", folder + strlen (g_get_home_dir ()), NULL);

      g_free (folder);
      folder = g_steal_pointer (&in_home);
    }

  adw_window_title_set_title (self->window_title, name);
  /* Not the folder on a projector: its names can say more than the class
   * should see. */
  adw_window_title_set_subtitle (self->window_title, self->presenting ? NULL : folder);

  /* Translators: the window title for the window list and task switcher,
   * “PROJECT NAME — Sightline”. */
  window_title = g_strdup_printf (_("%s — Sightline"), name);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* The window's size is kept per project too (in project_meta), so a
 * project opens as it was left; the settings keep the last one for a new
 * window. */
static void
sl_window_save_project_state (SlWindow *self)
{
  g_autoptr(GError) error = NULL;
  char width[16], height[16];
  int w, h;

  if (self->project == NULL || sl_project_is_read_only (self->project))
    return;

  sl_workspace_save_state (self->workspace);
  gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
  g_snprintf (width, sizeof width, "%d", w);
  g_snprintf (height, sizeof height, "%d", h);
  if (!sl_project_set_meta (self->project, "window-width", width, &error) ||
      !sl_project_set_meta (self->project, "window-height", height, &error) ||
      !sl_project_set_meta (self->project, "window-maximized",
                            gtk_window_is_maximized (GTK_WINDOW (self)) ? "true" : "false", &error))
    g_warning ("Could not save the window state: %s", error->message);
}

static void
sl_window_restore_project_state (SlWindow *self)
{
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *maximized = NULL;
  gint64 w, h;

  if (self->project == NULL)
    return;

  width = sl_project_dup_meta (self->project, "window-width");
  height = sl_project_dup_meta (self->project, "window-height");
  maximized = sl_project_dup_meta (self->project, "window-maximized");
  if (width != NULL && height != NULL &&
      g_ascii_string_to_signed (width, 10, 360, 16384, &w, NULL) &&
      g_ascii_string_to_signed (height, 10, 294, 16384, &h, NULL))
    gtk_window_set_default_size (GTK_WINDOW (self), w, h);
  if (g_strcmp0 (maximized, "true") == 0)
    gtk_window_maximize (GTK_WINDOW (self));
  else if (g_strcmp0 (maximized, "false") == 0)
    gtk_window_unmaximize (GTK_WINDOW (self));
}

/**
 * sl_window_set_project:
 * @self: a #SlWindow
 * @project: (nullable): the project to show, or %NULL for the empty state
 *
 * Shows @project in the window, replacing the one shown before.
 */
void
sl_window_set_project (SlWindow  *self,
                       SlProject *project)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (project == NULL || SL_IS_PROJECT (project));

  if (self->project == project)
    return;

  sl_window_save_project_state (self);
  g_set_object (&self->project, project);
  sl_window_restore_project_state (self);
  sl_workspace_set_project (self->workspace, project);
  gtk_stack_set_visible_child_name (self->stack, project != NULL ? "project" : "empty");
  sl_window_update_title (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

static void
sl_window_show_error (SlWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * sl_window_open_file:
 * @self: a #SlWindow
 * @file: a project file
 * @flags: %SL_PROJECT_OPEN_CREATE to make a new project there
 *
 * Opens the project at @file and shows it. On failure the window keeps what
 * it showed and tells the user why in a dialog.
 *
 * Returns: %TRUE when the project is now shown
 */
gboolean
sl_window_open_file (SlWindow           *self,
                     GFile              *file,
                     SlProjectOpenFlags  flags)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *body = g_strdup_printf (_("“%s” is not a local file. Sightline can only "
                                                 "open projects stored on this computer."),
                                               uri);

      sl_window_show_error (self, _("Could Not Open Project"), body);
      return FALSE;
    }

  /* Opening is quick (a few SQLite pragmas and pending migrations), so it
   * runs here; imports, which are slow, run on a worker thread. */
  project = sl_project_open (path, flags, &error);
  if (project == NULL)
    {
      sl_window_show_error (self,
                            (flags & SL_PROJECT_OPEN_CREATE) ? _("Could Not Create Project")
                                                             : _("Could Not Open Project"),
                            error->message);
      return FALSE;
    }

  sl_window_set_project (self, project);

  return TRUE;
}

/**
 * sl_window_create_project:
 * @self: a #SlWindow
 * @file: where the user chose to save the new project
 *
 * Creates a new project at @file, with the ".sightline" extension added
 * when missing, and shows it. A non-empty file already there, which the file
 * chooser asked the user to replace, is moved to the trash first.
 *
 * Returns: %TRUE when the new project is now shown
 */
gboolean
sl_window_create_project (SlWindow *self,
                          GFile    *file)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The extension is what lets the file manager, and the file chooser's
   * filter, recognise the project later. */
  basename = g_file_get_basename (file);
  if (g_str_has_suffix (basename, PROJECT_EXTENSION))
    {
      target = g_object_ref (file);
    }
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_extension = g_strconcat (basename, PROJECT_EXTENSION, NULL);

      target = g_file_get_child (parent, with_extension);
    }

  /* Trashing, rather than deleting, keeps a mistaken choice recoverable;
   * a project is never created on top of another file. An empty file
   * (which a file chooser portal may create) is simply used. */
  info = g_file_query_info (target, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > 0 &&
      !g_file_trash (target, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (target);
      g_autofree char *body = g_strdup_printf (_("“%s” already exists and could not be moved "
                                                 "to the trash: %s"),
                                               name, error->message);

      sl_window_show_error (self, _("Could Not Create Project"), body);
      return FALSE;
    }

  return sl_window_open_file (self, target, SL_PROJECT_OPEN_CREATE);
}

/**
 * sl_window_emit_project_changed:
 * @self: a #SlWindow
 *
 * Tells the views of the project that its contents changed (an import
 * added reads or a sharing scenario), so they load them again.
 */
void
sl_window_emit_project_changed (SlWindow *self)
{
  g_return_if_fail (SL_IS_WINDOW (self));

  g_signal_emit (self, signals[PROJECT_CHANGED], 0);
}

/**
 * sl_window_add_toast:
 * @self: a #SlWindow
 * @toast: (transfer full): a toast
 *
 * Shows a short message at the bottom of the window.
 */
void
sl_window_add_toast (SlWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);
  int width;
  int height;

  /* The default size follows the size of the unmaximized window, which
   * is what to restore. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  sl_window_save_project_state (self);

  return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_object (&self->project);
  g_clear_object (&self->demo_toast);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_finalize (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_window_parent_class)->finalize (object);
}

static void
sl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

gboolean
sl_window_get_presentation_mode (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  return self->presenting;
}

/**
 * sl_window_set_presentation_mode:
 * @self: a #SlWindow
 * @presenting: whether to present
 *
 * For a projector: fullscreen, the "presentation" style class (large type,
 * higher contrast and larger targets, resources/style.css; any panel in
 * the window inherits it), the sidebar folded and the header's secondary
 * button hidden. Leaving puts back what presenting changed.
 */
void
sl_window_set_presentation_mode (SlWindow *self,
                                 gboolean  presenting)
{
  GAction *action;

  g_return_if_fail (SL_IS_WINDOW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;

  if (presenting)
    {
      self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->sidebar_was_revealed = sl_workspace_get_sidebar_revealed (self->workspace);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_widget_set_visible (self->open_button, FALSE);
      sl_workspace_set_sidebar_revealed (self->workspace, FALSE);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_widget_set_visible (self->open_button, TRUE);
      sl_workspace_set_sidebar_revealed (self->workspace, self->sidebar_was_revealed);
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
    }

  sl_window_update_title (self);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "presentation-mode");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (presenting));
}

/* Escape leaves presentation mode; otherwise it is not handled here, so
 * dialogs, popovers and the search entry still get it. */
static gboolean
leave_presentation (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  SlWindow *self = SL_WINDOW (widget);

  if (!self->presenting)
    return FALSE;
  sl_window_set_presentation_mode (self, FALSE);
  return TRUE;
}

static void
sl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      sl_window_set_project (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_window_dispose;
  object_class->finalize = sl_window_finalize;
  object_class->get_property = sl_window_get_property;
  object_class->set_property = sl_window_set_property;

  window_class->close_request = sl_window_close_request;

  properties [PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         SL_TYPE_PROJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlWindow::project-changed:
   *
   * Emitted after an import changed the project shown: reads, agencies or
   * sharing scenarios were added by another connection, and views that
   * loaded them must load them again.
   */
  signals [PROJECT_CHANGED] =
    g_signal_new ("project-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, workspace);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, presentation_button);

  g_type_ensure (SL_TYPE_WORKSPACE);
}

static void
sl_window_init (SlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  _sl_window_actions_init (self);
  sl_window_update_title (self);
  {
    GtkEventController *escape = gtk_shortcut_controller_new ();

    gtk_event_controller_set_name (escape, "presentation-escape");
    gtk_event_controller_set_propagation_phase (escape, GTK_PHASE_BUBBLE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (escape),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_callback_action_new (leave_presentation,
                                                                                     NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), escape);
  }
  /* An import added reads or a scenario: the map and sidebar load again. */
  g_signal_connect_swapped (self, "project-changed", G_CALLBACK (sl_workspace_reload), self->workspace);

  self->settings = g_settings_new (APP_ID_BASE);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
