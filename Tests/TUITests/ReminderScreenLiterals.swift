// Screens frozen after checking them by eye.
// swift-format-ignore-file
enum ReminderScreens {
  static let list80x24: [String] = [
  " 1 Board  2 Contacts  3 Companies  4 Calendar  5 Activities      Sales  1-3 of 6",
  " Qualification    2 deals │ Contact made    2 deals │ Proposal          2 deals ",
  " €2,500.00 + $8,500.00 ·… │ €40,000.00 + $1,200.50… │ €12,000.00 + $15,000.00 … ",
  "                          │                         │                           ",
  " 北京 Trading 合同        │ 🚀 Launch deal          │ Acme renewal              ",
  " Alex Admin               │ Alex Admin              │ Alex Admin                ",
  " $8,500.00 · Jul 15       │ $1,200.50 · Jun 20      │ €12,000.00 · Jun 25       ",
  "                          │                         │                           ",
  " Globex pilot             │ Acme expansion          │ Initech upgrade           ",
  " Alex Ad┌─ Reminders (1) ──────────────────────────────────────────────┐        ",
  " €2,500.│ ⏰ 12:15 Standup                                             │        ",
  "        │                                                              │        ",
  "        │                                                              │        ",
  "        │ z snooze 10 min · d dismiss · Esc                            │        ",
  "        └──────────────────────────────────────────────────────────────┘        ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "                          │                         │                           ",
  "  ? help  q quit  / filter  n new  H back  L forward  m move         crm.sqlite ",
  ]
}
