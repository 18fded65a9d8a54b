#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Nightly day-ahead job: schedules one day with `microgrid dayahead`.
# Used as is by the crontab line, the systemd service and the Kubernetes
# CronJob beside this file; configured by the environment:
#
#   MICROGRID_SCENARIO         scenario YAML whose time series holds the forecasts (required)
#   MICROGRID_STATE            state file carried from night to night (required)
#   MICROGRID_OUT              output directory; the day's files go to OUT/<date>/ (required)
#   MICROGRID                  the microgrid executable (default: microgrid on PATH)
#   MICROGRID_LOOKAHEAD_HOURS  hours optimised after the day, not committed (default 24)
#   MICROGRID_DATE             the day to schedule, YYYY-MM-DD (default: see below)
#   TZ                         the plant's time zone, e.g. Asia/Shanghai
#
# Default date: the day it will be 12 hours from now, in TZ: tomorrow when
# run in the evening, today when a missed run catches up after midnight.
#
# The exit code is microgrid's: 0 done; 7 another run holds the lock and 8
# forecast rows missing are worth a retry later; 2, 3, 4 and 64 need a person.
# stderr carries one JSON log line per run:
#   {"date":"2026-07-06","status":"optimal","objective":181769.19,"seconds":0.31,"exit_code":0}
set -eu

: "${MICROGRID:=microgrid}"
: "${MICROGRID_SCENARIO:?set MICROGRID_SCENARIO to the scenario YAML}"
: "${MICROGRID_STATE:?set MICROGRID_STATE to the state file}"
: "${MICROGRID_OUT:?set MICROGRID_OUT to the output directory}"
: "${MICROGRID_LOOKAHEAD_HOURS:=24}"

if [ -z "${MICROGRID_DATE:-}" ]; then
    later=$(( $(date +%s) + 43200 ))
    # GNU and BusyBox date take -d @SECONDS; BSD date takes -r SECONDS.
    MICROGRID_DATE=$(date -d "@$later" +%F 2>/dev/null || date -r "$later" +%F)
fi

exec "$MICROGRID" dayahead "$MICROGRID_SCENARIO" \
    --date "$MICROGRID_DATE" \
    --state "$MICROGRID_STATE" \
    --out "$MICROGRID_OUT" \
    --lookahead-hours "$MICROGRID_LOOKAHEAD_HOURS" \
    --quiet
