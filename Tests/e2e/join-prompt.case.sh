# Sourced by Tests/e2e/run (which provides tmx/screen/has/wait_for/note/run, $CRM, $TMP).
#
# Joining a team with local work, on a terminal: `crm signup --invite` and `crm login`
# ask "Merge it into the team? [y/N]" on a real pty (a tmux pane), then read the password
# without echo. Answered yes, the local deal goes to the team and the database syncs;
# answered no, nothing changes: no account, no token file, not one of the team's records.

JOIN_SERVER_BIN=${CRM_SERVER_BIN:-$(dirname "$CRM")/crm-server}
JOIN_SERVER_PID=""

# join_server_start LOG: crm-server on a free port; sets JOIN_URL from its "listening on" line.
join_server_start() {
  local log=$1 deadline
  "$JOIN_SERVER_BIN" --port 0 --bcrypt-cost 4 --db "$TMP/join-server.sqlite" 2>"$log" &
  JOIN_SERVER_PID=$!
  deadline=$(($(now_ms) + 15000))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    JOIN_URL=$(grep -o 'listening on http://[^ ]*' "$log" | head -n1 | sed 's/^listening on //')
    [ -n "$JOIN_URL" ] && return 0
    kill -0 "$JOIN_SERVER_PID" 2>/dev/null || { note "crm-server exited: $(tail -n3 "$log")"; return 1; }
    sleep 0.05
  done
  note "crm-server did not say where it listens: $(tail -n3 "$log")"
  return 1
}

join_server_stop() {
  [ -n "$JOIN_SERVER_PID" ] || return 0
  kill -TERM "$JOIN_SERVER_PID" 2>/dev/null || true
  wait "$JOIN_SERVER_PID" 2>/dev/null || true
  JOIN_SERVER_PID=""
}

# join_on_pty SESSION ANSWER PASSWORD CMD...: runs CMD in a tmux pane (stdin is its pty),
# answers the merge question with ANSWER and, after yes, the password prompt with PASSWORD;
# waits for the exit status and leaves it in JOIN_EXIT.
join_on_pty() {
  local session=$1 answer=$2 password=$3 cmd="" arg
  shift 3
  for arg in "$@"; do cmd+=" $(printf %q "$arg")"; done
  tmx new-session -d -s "$session" -x 160 -y 20 \
    "sh -c 'env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color$cmd; echo EXIT=\$?; exec sleep 120'"
  CURRENT=$session
  wait_for "$session" "Merge it into the team? [y/N]" 10 || return 1
  has "$session" "(1 deal, 1 contact)" || { note "the question does not count the local work"; return 1; }
  tmx send-keys -t "$session" "$answer" Enter
  if [ "$answer" = y ]; then
    wait_for "$session" "Password:" 5 || return 1
    tmx send-keys -t "$session" "$password" Enter
  fi
  wait_for "$session" "EXIT=" 20 || return 1
  JOIN_EXIT=$(screen "$session" | grep -o 'EXIT=[0-9]*' | head -n1 | cut -d= -f2)
  if [ -n "$password" ] && has "$session" "$password"; then
    note "the password was echoed"
    return 1
  fi
}

# join_local_work DB NAME: a new database with one deal and one contact of its own.
join_local_work() {
  "$CRM" init --db "$1" >/dev/null || { note "crm init $1 failed"; return 1; }
  "$CRM" deal add --db "$1" --title "$2 local deal" --value 300 --currency EUR >/dev/null ||
    { note "crm deal add on $1 failed"; return 1; }
  "$CRM" contact add --db "$1" --first "$2" --last Local >/dev/null ||
    { note "crm contact add on $1 failed"; return 1; }
}

# join_titles DB: the deal titles of DB, sorted, one a line.
join_titles() { "$CRM" deal list --db "$1" --json | jq -r '.[].title' | sort; }

join_prompt_body() {
  local admin=$TMP/join-admin.sqlite rex=$TMP/join-rex.sqlite max=$TMP/join-max.sqlite
  local code code2 titles status
  join_server_start "$TMP/join-server.log" || return 1
  "$CRM" init --db "$admin" >/dev/null || { note "crm init admin failed"; return 1; }
  "$CRM" deal add --db "$admin" --title "Team deal" --value 1200 --currency EUR >/dev/null ||
    { note "crm deal add on admin failed"; return 1; }
  printf 'secret-ada-1\n' | "$CRM" signup --db "$admin" --server "$JOIN_URL" \
    --email ada@example.com --name Ada --team Join --password-stdin --merge-local \
    >/dev/null 2>"$TMP/join-admin.err" ||
    { note "admin signup failed: $(cat "$TMP/join-admin.err")"; return 1; }
  code=$("$CRM" invite --db "$admin" --email rex@example.com --role rep 2>"$TMP/join-invite.err") ||
    { note "crm invite failed: $(cat "$TMP/join-invite.err")"; return 1; }

  # No: nothing changes, and the invite is still unused.
  join_local_work "$rex" Rex || return 1
  local before
  before=$(sqlite3 "$rex" 'SELECT count(*) FROM change_log') || { note "sqlite3 failed"; return 1; }
  join_on_pty joinno n "" "$CRM" signup --db "$rex" --server "$JOIN_URL" \
    --email rex@example.com --name Rex --invite "$code" --password-stdin || return 1
  [ "$JOIN_EXIT" != 0 ] || { note "answering no exited 0"; return 1; }
  has joinno "not joined: the local work stays here; nothing changed" ||
    { note "no message saying nothing changed"; return 1; }
  [ ! -e "$rex.auth" ] || { note "answering no left a token file"; return 1; }
  titles=$(join_titles "$rex")
  [ "$titles" = "Rex local deal" ] || { note "after no, the deals are: $titles"; return 1; }
  [ "$(sqlite3 "$rex" 'SELECT count(*) FROM change_log')" = "$before" ] ||
    { note "answering no wrote to the change log"; return 1; }
  status=$("$CRM" sync --status --json --db "$rex" | jq -r '.loggedIn') ||
    { note "crm sync --status failed"; return 1; }
  [ "$status" = false ] || { note "after no, the database is logged in"; return 1; }
  tmx kill-session -t joinno >/dev/null 2>&1 || true

  # Yes to signup with the same invite: the local deal joins the team's.
  join_on_pty joinyes y secret-rex-1 "$CRM" signup --db "$rex" --server "$JOIN_URL" \
    --email rex@example.com --name Rex --invite "$code" --password-stdin || return 1
  [ "$JOIN_EXIT" = 0 ] || { note "answering yes exited $JOIN_EXIT"; return 1; }
  has joinyes "Signed up as Rex" || { note "no 'Signed up as Rex'"; return 1; }
  [ -e "$rex.auth" ] || { note "no token file after yes"; return 1; }
  titles=$(join_titles "$rex" | paste -sd, -)
  [ "$titles" = "Rex local deal,Team deal" ] || { note "after yes, Rex has: $titles"; return 1; }
  "$CRM" sync --db "$rex" >/dev/null 2>&1 || { note "crm sync on Rex failed"; return 1; }
  "$CRM" sync --db "$admin" >/dev/null 2>&1 || { note "crm sync on admin failed"; return 1; }
  titles=$(join_titles "$admin" | paste -sd, -)
  [ "$titles" = "Rex local deal,Team deal" ] || { note "the admin sees: $titles"; return 1; }
  [ "$("$CRM" contact list --db "$admin" --json | jq -r '[.[].firstName] | sort | join(",")')" = Rex ] ||
    { note "the admin does not see Rex's contact"; return 1; }
  tmx kill-session -t joinyes >/dev/null 2>&1 || true

  # Login asks too: a second account, a database with local work, no then yes.
  code2=$("$CRM" invite --db "$admin" --email max@example.com --role manager 2>/dev/null) ||
    { note "second invite failed"; return 1; }
  printf 'secret-max-1\n' | "$CRM" signup --db "$TMP/join-max-first.sqlite" --server "$JOIN_URL" \
    --email max@example.com --name Max --invite "$code2" --password-stdin >/dev/null 2>&1 ||
    { note "Max's first signup failed"; return 1; }
  join_local_work "$max" Max || return 1
  join_on_pty loginno n "" "$CRM" login --db "$max" --server "$JOIN_URL" \
    --email max@example.com --password-stdin || return 1
  [ "$JOIN_EXIT" != 0 ] && [ ! -e "$max.auth" ] ||
    { note "login answered no: exit $JOIN_EXIT, token file $(ls "$max.auth" 2>&1)"; return 1; }
  [ "$(join_titles "$max")" = "Max local deal" ] || { note "login no changed Max's deals"; return 1; }
  tmx kill-session -t loginno >/dev/null 2>&1 || true
  join_on_pty loginyes y secret-max-1 "$CRM" login --db "$max" --server "$JOIN_URL" \
    --email max@example.com --password-stdin || return 1
  [ "$JOIN_EXIT" = 0 ] || { note "login answered yes exited $JOIN_EXIT"; return 1; }
  has loginyes "Logged in as Max" || { note "no 'Logged in as Max'"; return 1; }
  titles=$(join_titles "$max" | paste -sd, -)
  [ "$titles" = "Max local deal,Rex local deal,Team deal" ] ||
    { note "after login yes, Max has: $titles"; return 1; }
}

case_join_prompt() {
  local rc=0
  join_prompt_body || rc=1
  join_server_stop
  return $rc
}

if [ -x "$JOIN_SERVER_BIN" ] && command -v sqlite3 >/dev/null; then
  run "join: signup and login with local work ask on a terminal; no changes nothing, yes merges" \
    case_join_prompt
else
  echo "ok - join: merge prompt on a pty # SKIP needs crm-server at $JOIN_SERVER_BIN and sqlite3"
fi
