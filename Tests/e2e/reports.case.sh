# Sourced by Tests/e2e/run (which provides start/screen/has/wait_for/note/run, $CRM, $DB).
#
# View 6 beyond the pipeline chart: in a non-UTF-8 locale the bars fall back to ASCII, and
# the builder tab builds a report from keys alone and saves it for `crm report run`.

# The ASCII fallback keys on the locale: with LANG=C and LC_ALL=C in the pane the bars are
# drawn with # and = and no block character reaches the screen.
case_reports_ascii() {
  CURRENT=reports_ascii
  start reports_ascii 100 30 LANG=C LC_ALL=C LC_CTYPE=C
  wait_board reports_ascii || return 1
  tmx send-keys -t reports_ascii 6
  wait_for reports_ascii "Reached" || return 1
  screen reports_ascii | grep -qE '^ Qualification +[#=]+' ||
    { note "no ASCII bar for Qualification"; return 1; }
  if screen reports_ascii | grep -qE '[█░▒▓▏▎▍▌▋▊▉]'; then
    note "block characters on a C-locale screen"
    return 1
  fi
  # Control: the same view in C.UTF-8 draws blocks.
  tmx send-keys -t reports_ascii q
  wait_for reports_ascii "EXIT=0" || return 1
  tmx kill-session -t reports_ascii >/dev/null 2>&1 || true
  start reports_ascii 100 30
  wait_board reports_ascii || return 1
  tmx send-keys -t reports_ascii 6
  wait_for reports_ascii "Qualification █" || return 1
  tmx send-keys -t reports_ascii q
  wait_for reports_ascii "EXIT=0" || return 1
}

# The builder: h from the first dashboard reaches it; f adds a filter typed in place, the
# table follows; s saves it by name, and the CLI runs the saved report.
case_reports_builder() {
  CURRENT=reports_builder
  start reports_builder 100 30
  wait_board reports_builder || return 1
  tmx send-keys -t reports_builder 6
  wait_for reports_builder "Reached" || return 1
  tmx send-keys -t reports_builder h
  wait_for reports_builder "+ measure" || return 1
  tmx send-keys -t reports_builder f
  wait_for reports_builder "FIELD OP VALUE" || return 1
  tmx send-keys -t reports_builder -l "stage=Proposal"
  tmx send-keys -t reports_builder Enter
  wait_for reports_builder "Filter   stage=Proposal" || return 1
  wait_for reports_builder "rows" || return 1
  tmx send-keys -t reports_builder s
  wait_for reports_builder "Save as:" || return 1
  tmx send-keys -t reports_builder -l "In proposal"
  tmx send-keys -t reports_builder Enter
  wait_for reports_builder "Saved report “In proposal”" || return 1
  tmx send-keys -t reports_builder q
  wait_for reports_builder "EXIT=0" || return 1
  local out
  out=$("$CRM" report run "In proposal" --db "$DB") || { note "crm report run failed"; return 1; }
  echo "$out" | grep -q "^Proposal" || { note "report run printed: $out"; return 1; }
  "$CRM" report delete "In proposal" --db "$DB" || { note "crm report delete failed"; return 1; }
}

run "view 6 in a C locale draws ASCII bars (blocks in C.UTF-8)" case_reports_ascii
run "view 6's builder: a filter typed in place, saved by name, run from the CLI" case_reports_builder
