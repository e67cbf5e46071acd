# Sourced by Tests/e2e/run (which provides start/screen/has/wait_for/note/run, $CRM, $TMP).
#
# Live sync between two databases of one team through a real crm-server: the TUI open on
# A shows a move made with `crm deal move ...; crm sync` on B within a few seconds, the
# card in its new column and a notice naming who moved it; with the server gone, a move on A
# still works and the status bar says it waits.

SYNC_SERVER_BIN=${CRM_SERVER_BIN:-$(dirname "$CRM")/crm-server}
SYNC_SERVER_PID=""

# sync_server_start LOG: crm-server on a free port; sets SYNC_URL from its "listening on" line.
sync_server_start() {
  local log=$1 deadline
  "$SYNC_SERVER_BIN" --port 0 --bcrypt-cost 4 --db "$TMP/server.sqlite" 2>"$log" &
  SYNC_SERVER_PID=$!
  deadline=$(($(now_ms) + 15000))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    SYNC_URL=$(grep -o 'listening on http://[^ ]*' "$log" | head -n1 | sed 's/^listening on //')
    [ -n "$SYNC_URL" ] && return 0
    kill -0 "$SYNC_SERVER_PID" 2>/dev/null || { note "crm-server exited: $(tail -n3 "$log")"; return 1; }
    sleep 0.05
  done
  note "crm-server did not say where it listens: $(tail -n3 "$log")"
  return 1
}

sync_server_stop() {
  [ -n "$SYNC_SERVER_PID" ] || return 0
  kill -TERM "$SYNC_SERVER_PID" 2>/dev/null || true
  wait "$SYNC_SERVER_PID" 2>/dev/null || true
  SYNC_SERVER_PID=""
}

# column_of SESSION TEXT: the screen column (0-based, in characters) where TEXT first starts.
column_of() {
  local line prefix
  line=$(screen "$1" | grep -F -- "$2" | head -n1)
  [ -n "$line" ] || return 1
  prefix=${line%%"$2"*}
  echo "${#prefix}"
}

sync_live_body() {
  local a=$TMP/sync-a.sqlite b=$TMP/sync-b.sqlite code id t0 ms stage_col card_col deadline
  sync_server_start "$TMP/server.log" || return 1
  note "server at $SYNC_URL"
  "$CRM" init --db "$a" >/dev/null || { note "crm init A failed"; return 1; }
  id=$("$CRM" deal add --db "$a" --title "E2E renewal" --value 1200 --currency EUR) ||
    { note "crm deal add on A failed"; return 1; }
  printf 'secret-ada-1\n' | "$CRM" signup --db "$a" --server "$SYNC_URL" --email ada@example.com \
    --name Ada --team E2E --password-stdin --merge-local >/dev/null 2>"$TMP/signup-a.err" ||
    { note "crm signup on A failed: $(cat "$TMP/signup-a.err")"; return 1; }
  code=$("$CRM" invite --db "$a" --email bob@example.com --role admin 2>"$TMP/invite.err") ||
    { note "crm invite failed: $(cat "$TMP/invite.err")"; return 1; }
  "$CRM" init --db "$b" >/dev/null || { note "crm init B failed"; return 1; }
  printf 'secret-bob-1\n' | "$CRM" signup --db "$b" --server "$SYNC_URL" --email bob@example.com \
    --name Bob --invite "$code" --password-stdin >/dev/null 2>"$TMP/signup-b.err" ||
    { note "crm signup on B failed: $(cat "$TMP/signup-b.err")"; return 1; }
  "$CRM" deal show "$id" --db "$b" --json >/dev/null ||
    { note "B did not get A's deal $id"; return 1; }

  CURRENT=synca
  tmx new-session -d -s synca -x 180 -y 40 \
    "sh -c 'env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color $(printf %q "$CRM") --db $(printf %q "$a"); echo EXIT=\$?; exec sleep 120'"
  wait_for synca "E2E renewal" || return 1
  wait_for synca "online" 10 || return 1
  "$CRM" deal move "$id" --stage Negotiation --db "$b" >/dev/null ||
    { note "crm deal move on B failed"; return 1; }
  t0=$(now_ms)
  "$CRM" sync --db "$b" >"$TMP/sync-b.out" 2>&1 || { note "crm sync on B failed: $(cat "$TMP/sync-b.out")"; return 1; }
  note "B: $(cat "$TMP/sync-b.out")"
  wait_for synca "Bob moved E2E renewal to Negotiation" 5 || return 1
  ms=$(($(now_ms) - t0))
  note "A showed the notice ${ms} ms after B's sync returned"
  # The notice comes with the sync's answer, the repainted board one read later: wait for
  # the card's title to start a cell or two right of its new column's header.
  deadline=$(($(now_ms) + 3000))
  while :; do
    stage_col=$(column_of synca "Negotiation") || stage_col=-99
    card_col=$(screen synca | grep -v "moved" | grep -F "E2E renewal" | head -n1)
    card_col=${card_col%%"E2E renewal"*}
    card_col=${#card_col}
    [ "$card_col" -ge "$stage_col" ] && [ "$card_col" -le $((stage_col + 4)) ] && break
    [ "$(now_ms)" -lt "$deadline" ] ||
      { note "the card is at column $card_col, Negotiation's header at $stage_col"; return 1; }
    sleep 0.05
  done
  note "the card was in Negotiation's column $(($(now_ms) - t0)) ms after B's sync returned"
  [ "$("$CRM" deal show "$id" --db "$a" --json | jq -r .stage)" = Negotiation ] ||
    { note "A's database does not have the move"; return 1; }
  # Offline: the server is gone, a move still works and waits to be sent.
  sync_server_stop
  tmx send-keys -t synca L
  wait_for synca "Moved to Won" || return 1
  wait_for synca "offline · 1 waiting" 8 || return 1
  tmx send-keys -t synca q
  wait_for synca "EXIT=0" || return 1
}

case_sync_live() {
  local rc=0
  sync_live_body || rc=1
  sync_server_stop
  return $rc
}

if [ -x "$SYNC_SERVER_BIN" ]; then
  run "sync: a move synced from B shows on A's open board with a notice; offline, moves wait" \
    case_sync_live
else
  echo "ok - sync: live board update # SKIP no crm-server at $SYNC_SERVER_BIN"
fi
