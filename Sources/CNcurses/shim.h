// ncursesw for Swift. SwiftPM drops pkg-config's defines, so the wide-character API is
// switched on here, before the header, and what Swift cannot import (macros, globals that
// strict concurrency rejects) is offered as static inline accessors.
#ifndef CRM_CNCURSES_SHIM_H
#define CRM_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <string.h>
#include <poll.h>
#include <ncursesw/ncurses.h>

// Globals: Swift 6 rejects mutable C globals under strict concurrency, so read them here.
static inline WINDOW *crm_stdscr(void) { return stdscr; }
static inline int crm_lines(void) { return LINES; }
static inline int crm_cols(void) { return COLS; }
static inline int crm_colors(void) { return COLORS; }
static inline int crm_color_pairs(void) { return COLOR_PAIRS; }

// Attributes are macros built from NCURSES_BITS, which Swift does not import.
static inline attr_t crm_a_normal(void) { return A_NORMAL; }
static inline attr_t crm_a_bold(void) { return A_BOLD; }
static inline attr_t crm_a_reverse(void) { return A_REVERSE; }
static inline attr_t crm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t crm_a_dim(void) { return A_DIM; }
static inline attr_t crm_color_pair(int n) { return COLOR_PAIR(n); }

// Keys.
static inline int crm_key_f(int n) { return KEY_F(n); }

// Mouse masks are macros too.
static inline mmask_t crm_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t crm_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t crm_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t crm_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t crm_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t crm_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t crm_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t crm_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t crm_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t crm_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t crm_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
  return BUTTON5_PRESSED;
#else
  return 0;
#endif
}

// getmaxyx is a macro assigning to its arguments.
static inline void crm_getmaxyx(WINDOW *w, int *y, int *x) {
  int yy, xx;
  getmaxyx(w, yy, xx);
  *y = yy;
  *x = xx;
}

// Glibc's Swift module does not export wcwidth.
static inline int crm_wcwidth(wchar_t c) { return wcwidth(c); }

// A UTF-8 LC_CTYPE locale object, so widths can be asked for without touching the process
// locale (wcwidth answers -1 for every non-ASCII character in the "C" locale).
static inline locale_t crm_newlocale_ctype(const char *name) {
  return newlocale(LC_CTYPE_MASK, name, (locale_t)0);
}

// wcwidth under the given locale, for this thread only (uselocale is per thread).
static inline int crm_wcwidth_in(locale_t loc, wchar_t c) {
  locale_t old = uselocale(loc);
  int w = wcwidth(c);
  uselocale(old);
  return w;
}

// errno is a macro over a thread-local function; read it here to stay portable.
static inline int crm_errno(void) { return errno; }
static inline void crm_clear_errno(void) { errno = 0; }

// Builds a cchar_t for one grapheme (up to CCHARW_MAX wide chars) so Swift does not have to
// lay out the struct itself.
static inline int crm_setcchar(cchar_t *out, const wchar_t *wch, attr_t attrs, short pair) {
  return setcchar(out, wch, attrs, pair, NULL);
}

// Reads back the wide characters of one cell (for headless tests).
static inline int crm_getcchar_chars(const cchar_t *c, wchar_t *out, int cap) {
  wchar_t buf[CCHARW_MAX + 1];
  attr_t attrs;
  short pair;
  if (getcchar(c, buf, &attrs, &pair, NULL) == ERR) return ERR;
  int n = 0;
  while (n < cap - 1 && n < CCHARW_MAX && buf[n] != 0) { out[n] = buf[n]; n++; }
  out[n] = 0;
  return n;
}

static inline int crm_ccharw_max(void) { return CCHARW_MAX; }

// Signals. The handler only records which signal came (async-signal-safe); the input loop
// takes the record and ends the program through its ordinary path, which restores the
// terminal. No ncurses call ever happens in the handler.
#define CRM_SIG_TERM 1
#define CRM_SIG_HUP 2
#define CRM_SIG_INT 4
// State lives in function-local statics: Swift's importer emits inline functions (with
// their statics) but not file-scope tentative definitions, which then fail to link.
static inline volatile sig_atomic_t *crm_pending_signals(void) {
  static volatile sig_atomic_t pending = 0;
  return &pending;
}
static inline struct sigaction *crm_old_actions(void) {
  static struct sigaction old[3];
  return old;
}

static void crm_on_signal(int sig) {
  int bit = sig == SIGTERM ? CRM_SIG_TERM : sig == SIGHUP ? CRM_SIG_HUP : CRM_SIG_INT;
  __atomic_fetch_or(crm_pending_signals(), bit, __ATOMIC_SEQ_CST);
}

// Installed before newterm, so ncurses finds handlers present and does not add its own
// (its SIGINT/SIGTERM handlers would exit without our cleanup). No SA_RESTART: a blocked
// read returns EINTR, so the loop notices at once.
static inline void crm_install_signal_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = crm_on_signal;
  sigemptyset(&sa.sa_mask);
  struct sigaction *old = crm_old_actions();
  sigaction(SIGTERM, &sa, &old[0]);
  sigaction(SIGHUP, &sa, &old[1]);
  sigaction(SIGINT, &sa, &old[2]);
}

static inline void crm_restore_signal_handlers(void) {
  struct sigaction *old = crm_old_actions();
  sigaction(SIGTERM, &old[0], NULL);
  sigaction(SIGHUP, &old[1], NULL);
  sigaction(SIGINT, &old[2], NULL);
}

// The crash path: a fault (SIGSEGV, SIGBUS, SIGILL from a Swift trap, SIGFPE, SIGABRT)
// cannot run ncurses' endwin, but it can put the terminal back with async-signal-safe
// calls: the termios saved before ncurses took the terminal, and escapes that leave mouse
// tracking and the alternate screen and show the cursor. Then the previous handler (Swift's
// backtracer, or the default) gets the signal as if nothing had happened.
static inline struct termios *crm_saved_termios(void) {
  static struct termios saved;
  return &saved;
}
static inline int *crm_saved_termios_fd(void) {
  static int fd = -1;
  return &fd;
}
static inline struct sigaction *crm_old_crash_actions(void) {
  static struct sigaction old[5];
  return old;
}
static inline int crm_crash_signal_index(int sig) {
  switch (sig) {
  case SIGSEGV: return 0;
  case SIGBUS: return 1;
  case SIGILL: return 2;
  case SIGFPE: return 3;
  case SIGABRT: return 4;
  default: return -1;
  }
}
static inline void crm_restore_terminal_now(void) {
  static const char reset[] = "\033[?1002l\033[?1000l\033[?1049l\033[?25h\033[0m\r\n";
  ssize_t written = write(STDOUT_FILENO, reset, sizeof reset - 1);
  (void)written;
  int fd = *crm_saved_termios_fd();
  if (fd >= 0) tcsetattr(fd, TCSANOW, crm_saved_termios());
}
static inline void crm_on_crash(int sig) {
  crm_restore_terminal_now();
  int index = crm_crash_signal_index(sig);
  if (index >= 0) sigaction(sig, &crm_old_crash_actions()[index], NULL);
  raise(sig);
}
// Saves the terminal's modes from `fd` and installs the crash handlers; call before newterm.
static inline void crm_install_crash_restore(int fd) {
  if (tcgetattr(fd, crm_saved_termios()) == 0) *crm_saved_termios_fd() = fd;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = crm_on_crash;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;
  const int signals[5] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
  for (int i = 0; i < 5; i++) sigaction(signals[i], &sa, &crm_old_crash_actions()[i]);
}
static inline void crm_remove_crash_restore(void) {
  const int signals[5] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
  for (int i = 0; i < 5; i++) sigaction(signals[i], &crm_old_crash_actions()[i], NULL);
  *crm_saved_termios_fd() = -1;
}

// The signals seen since the last call (CRM_SIG_* bits), clearing them.
static inline int crm_take_signals(void) {
  return __atomic_exchange_n(crm_pending_signals(), 0, __ATOMIC_SEQ_CST);
}

// Input hang-up check after wget_wch gave ERR: 1 when the input is closed (HUP/ERR/NVAL),
// 2 when it reads as ready (which, after ncurses found nothing, means end of file), 0
// when it is just quiet.
static inline int crm_input_state(int fd) {
  struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
  if (poll(&p, 1, 0) < 0) return errno == EINTR ? 0 : 1;
  if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return 1;
  if (p.revents & POLLIN) return 2;
  return 0;
}

#endif
