#!/usr/bin/env bash
# Gateway overhead, each figure as a ratio to a bare Vert.x 5 JSON route measured in the same run with
# the same tool and settings (wrk -t2 -c32 -d10s): the ceiling (dev.orderflow.BareCeiling), the jar's
# GET /health/live, and a cached GET /api/v1/items/{sku}. The jar runs on embedded defaults in a fresh
# data dir with rate limiting off. Stops only the processes it starts.
# Usage: bench/http.sh   (WRK_DURATION=10s, WRK_WARMUP=3s (unmeasured, before each figure), CEILING_PORT, HTTP_PORT, PROVIDER_PORT, KAFKA_PORT override)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build

start_ceiling
echo "ceiling: bare Vert.x 5 JSON route, $(nproc) event loops, wrk -t2 -c32 -d$WRK_DURATION"
ceiling=$(wrk_rate "http://127.0.0.1:$CEILING_PORT/")
echo "  ceiling: $ceiling req/s"
kill -TERM "$ceiling_pid"; wait "$ceiling_pid" 2>/dev/null || true

start_orderflow
curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/api/v1/items/MUG-0001"
live=$(wrk_rate "http://127.0.0.1:$HTTP_PORT/health/live")
echo "  GET /health/live: $live req/s, $(ratio "$live" "$ceiling") x ceiling"
item=$(wrk_rate "http://127.0.0.1:$HTTP_PORT/api/v1/items/MUG-0001")
echo "  GET /api/v1/items/MUG-0001 (cached): $item req/s, $(ratio "$item" "$ceiling") x ceiling"
