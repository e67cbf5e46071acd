// ncursesw for Swift. SwiftPM drops pkg-config's defines, so the wide-character API is
// switched on here, before the header, and what Swift cannot import (macros, globals that
// strict concurrency rejects) is offered as static inline accessors.
#ifndef CRM_CNCURSES_SHIM_H
#define CRM_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
#endif
