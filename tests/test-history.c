/* test-history.c: back and forward over the vehicles shown.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-history.h"

static void
test_back_forward (void)
{
  g_autoptr(SlHistory) history = sl_history_new ();

  g_assert_null (sl_history_get_current (history));
  g_assert_false (sl_history_can_go_back (history));
  g_assert_false (sl_history_can_go_forward (history));
  g_assert_null (sl_history_go_back (history));
  g_assert_null (sl_history_go_forward (history));

  g_assert_true (sl_history_visit (history, "A"));
  g_assert_false (sl_history_can_go_back (history));
  g_assert_true (sl_history_visit (history, "B"));
  g_assert_true (sl_history_visit (history, "C"));
  /* The current entry again is no new visit. */
  g_assert_false (sl_history_visit (history, "C"));
  g_assert_cmpstr (sl_history_get_current (history), ==, "C");

  g_assert_cmpstr (sl_history_go_back (history), ==, "B");
  g_assert_cmpstr (sl_history_go_back (history), ==, "A");
  g_assert_null (sl_history_go_back (history));
  g_assert_cmpstr (sl_history_get_current (history), ==, "A");
  g_assert_true (sl_history_can_go_forward (history));
  /* Showing what going back gave is not a visit: forward stays. */
  g_assert_false (sl_history_visit (history, "A"));
  g_assert_cmpstr (sl_history_go_forward (history), ==, "B");
  g_assert_true (sl_history_can_go_forward (history));

  /* A visit from the middle drops what was ahead (C). */
  g_assert_true (sl_history_visit (history, "D"));
  g_assert_false (sl_history_can_go_forward (history));
  g_assert_cmpstr (sl_history_go_back (history), ==, "B");
  g_assert_cmpstr (sl_history_go_forward (history), ==, "D");
  g_assert_null (sl_history_go_forward (history));

  sl_history_clear (history);
  g_assert_null (sl_history_get_current (history));
  g_assert_false (sl_history_can_go_back (history));
  g_assert_false (sl_history_can_go_forward (history));
  g_assert_true (sl_history_visit (history, "E"));
  g_assert_cmpstr (sl_history_get_current (history), ==, "E");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/back-forward", test_back_forward);

  return g_test_run ();
}
