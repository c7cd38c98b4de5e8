/* map-test-data.h: generated reads for the map's tests and benchmark.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-read-set.h"

G_BEGIN_DECLS

#define MAP_TEST_FIRST_TIME 1551398400  /* 2019-03-01 00:00 UTC */
#define MAP_TEST_DAYS 14
#define MAP_TEST_AGENCIES 6

extern const char * const map_test_agency_names[];

SlReadSet *map_test_reads_new (guint n_reads,
                               guint seed);

G_END_DECLS
